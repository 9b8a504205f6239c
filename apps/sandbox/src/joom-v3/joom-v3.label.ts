import { JoomV3Order } from './joom-v3.types';

/**
 * A one-page 4×6" shipping label as a small but valid PDF (correct xref
 * offsets), so a client that parses or stores labels gets a real document.
 * Standard fonts only cover Latin-1, so text is folded to ASCII.
 */
export function shippingLabelPdf(order: JoomV3Order): Buffer {
  const shipment = order.shipment;
  const address = order.shippingAddress;
  const lines: [size: number, text: string][] = [
    [16, shipment?.provider ?? 'Joom Logistics'],
    [11, `First mile: ${shipment?.shipperName ?? '-'}`],
    [14, `Tracking: ${shipment?.trackingNumber ?? '-'}`],
    [11, `Waybill: ${shipment?.shippingOrderNumber ?? '-'}`],
    [11, `Order: ${order.id}  Qty: ${order.quantity}`],
    [11, `To: ${address.name}`],
    [11, address.streetAddress1],
    [11, `${address.zipCode} ${address.city}`],
    [11, `${address.state} ${address.country}`],
  ];
  let y = 400;
  const text = lines.map(([size, line]) => `BT /F1 ${size} Tf 20 ${(y -= size + 12)} Td (${pdfString(line)}) Tj ET`).join('\n');
  const content = `0.5 w 10 10 268 412 re S\n${text}\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 288 432] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
  ];
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefAt = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** ASCII-folded ("Müller" → "Muller"; scripts without a Latin form → "?") and PDF-escaped. */
function pdfString(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/[\\()]/g, (ch) => `\\${ch}`);
}
