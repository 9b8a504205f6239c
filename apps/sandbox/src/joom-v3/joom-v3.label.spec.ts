import { generateV3Orders } from './joom-v3.generator';
import { shippingLabelPdf } from './joom-v3.label';

describe('shippingLabelPdf', () => {
  const order = generateV3Orders(10, 1, Date.now()).find((s) => s.order.status === 'fulfilledOnline')!.order;
  const pdf = shippingLabelPdf({ ...order, shippingAddress: { ...order.shippingAddress, name: 'Jürgen (Test) Müller \\ Иван' } });
  const text = pdf.toString('latin1');

  it('is a PDF whose xref offsets point at its objects', () => {
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const entries = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(entries).toHaveLength(5);
    entries.forEach((offset, i) => expect(text.slice(offset, offset + 8)).toBe(`${i + 1} 0 obj\n`));
    const length = Number(/\/Length (\d+)/.exec(text)![1]);
    const streamAt = text.indexOf('stream\n') + 'stream\n'.length;
    expect(text.slice(streamAt + length, streamAt + length + 9)).toBe('endstream');
  });

  it('prints the tracking number and an ASCII-folded, escaped address', () => {
    expect(text).toContain(`(Tracking: ${order.shipment!.trackingNumber})`);
    expect(text).toContain('(To: Jurgen \\(Test\\) Muller \\\\ ????)');
  });
});
