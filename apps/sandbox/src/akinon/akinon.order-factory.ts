import { formatCents, toCents } from '../core/decimal';
import { deriveSeed, SeededRandom } from '../core/prng';
import { deriveOrderStatus, formatAkinonTime } from './akinon.status';
import { AKINON_STATUS, AkinonOrder, AkinonOrderItem, AkinonStatus } from './akinon.types';

export interface OrderSpec {
  number: string;
  itemStatuses: AkinonStatus[];
  shippingAddress: string;
  billingAddress: string;
  placedMs: number;
  updatedMs: number;
  /** Fixed lines (the create-order action); generated when absent. */
  lines?: { sku: string; price: string }[];
  currency?: string;
}

const SKUS = ['SP-A', 'SP-B', 'ÇANTA-42', 'TSHIRT-XL-KIRMIZI', 'KUPA-001', 'ŞAL-İPEK', 'SNEAKER-44'];
const CARRIERS = ['hbexpress', 'yurtici', 'aras', 'mng', 'ptt'];
const CURRENCIES = ['try', 'try', 'try', 'usd', 'eur', 'gbp', 'aed', 'pln'];

/** Builds one order with its items; fields a status implies (invoice, tracking, dates) are filled in. */
export class AkinonOrderFactory {
  private readonly datasource: string;

  constructor(
    private readonly rng: SeededRandom,
    datasourceSeed: string,
  ) {
    this.datasource = new SeededRandom(deriveSeed(0, datasourceSeed)).uuid();
  }

  build(spec: OrderSpec): { order: AkinonOrder; items: AkinonOrderItem[] } {
    const rng = this.rng;
    const orderId = rng.uuid();
    const currency = spec.currency ?? rng.pick(CURRENCIES);
    const createdAt = formatAkinonTime(spec.placedMs + rng.int(1, 120) * 1000);
    const updatedAt = formatAkinonTime(Math.max(spec.updatedMs, spec.placedMs + 121_000));
    const carrier = rng.pick(CARRIERS);
    const tracking = rng.uuid().replace(/-/g, '');
    const items = spec.itemStatuses.map((status, index): AkinonOrderItem => {
      const line = spec.lines?.[index];
      const priceCents = line ? toCents(line.price) : this.price();
      const discount = !line && rng.chance(0.3) ? Math.floor((priceCents * rng.int(1, 20)) / 100) : 0;
      const shipped = status === AKINON_STATUS.SHIPPED || status === AKINON_STATUS.DELIVERED;
      const invoiced = shipped || status === AKINON_STATUS.PACKAGED;
      return {
        id: rng.uuid(),
        order: orderId,
        sku: line?.sku ?? rng.pick(SKUS),
        status,
        price_currency: currency,
        price: formatCents(priceCents),
        tax_rate: rng.pick(['18.00', '8.00', '20.00', '0.00']),
        invoice_number: invoiced ? `INV${spec.number}` : null,
        invoice_date: invoiced ? updatedAt : null,
        e_archive_url: invoiced ? `https://earsiv.example.com/${spec.number}.pdf` : null,
        tracking_number: shipped ? tracking : null,
        shipping_company: shipped ? carrier : null,
        retail_price: rng.chance(0.5) ? formatCents(priceCents + rng.int(100, 5000)) : null,
        extra_field: {},
        estimated_delivery_date: status >= AKINON_STATUS.APPROVED ? formatAkinonTime(spec.placedMs + 4 * 86_400_000) : null,
        discount_amount: formatCents(discount),
        shipped_date: shipped ? updatedAt : null,
        delivered_date: status === AKINON_STATUS.DELIVERED ? updatedAt : null,
        cancel_status: status === AKINON_STATUS.CANCELLATION_WAITING ? 'waiting' : status === AKINON_STATUS.CANCELLED ? 'completed' : null,
        created_at: createdAt,
        updated_at: updatedAt,
      };
    });
    const sum = (pick: (item: AkinonOrderItem) => string, only = (_: AkinonOrderItem) => true): number => items.filter(only).reduce((total, item) => total + toCents(pick(item)), 0);
    const shippingCents = rng.pick([0, 0, 1499, 2990, 4999]);
    const gone = (item: AkinonOrderItem): boolean => item.status === AKINON_STATUS.CANCELLED || item.status === AKINON_STATUS.REJECTED;
    const status = deriveOrderStatus(spec.itemStatuses);
    const shippedItem = items.find((item) => item.tracking_number);
    const invoicedItem = items.find((item) => item.invoice_number);
    const giftBox = rng.chance(0.1);
    const order: AkinonOrder = {
      id: orderId,
      number: spec.number,
      datasource: this.datasource,
      shipping_address: spec.shippingAddress,
      billing_address: spec.billingAddress,
      date_placed: formatAkinonTime(spec.placedMs),
      status,
      currency,
      amount: formatCents(sum((item) => item.price) - sum((item) => item.discount_amount) + shippingCents),
      discount_amount: formatCents(sum((item) => item.discount_amount)),
      shipping_amount: formatCents(shippingCents),
      shipping_tax_rate: shippingCents > 0 ? '18.00' : null,
      refund_amount: formatCents(sum((item) => item.price, gone)),
      discount_refund_amount: formatCents(sum((item) => item.discount_amount, gone)),
      shipping_refund_amount: '0.00',
      invoice_number: invoicedItem?.invoice_number ?? null,
      invoice_date: invoicedItem?.invoice_date ?? null,
      e_archive_url: invoicedItem?.e_archive_url ?? null,
      tracking_number: shippedItem?.tracking_number ?? null,
      shipping_company: shippedItem?.shipping_company ?? null,
      cargo_company: shippedItem?.shipping_company ?? null,
      has_gift_box: giftBox,
      gift_box_note: giftBox ? 'İyi ki doğdun! 🎂 Sevgiler, Ayşe' : null,
      language_code: rng.pick(['tr-tr', 'en-us', null]),
      notes: rng.chance(0.15) ? 'Lütfen hediye paketi yapın' : null,
      delivery_range: null,
      shipping_option_slug: rng.pick(['standard', 'express', null]),
      extra_field: {},
      cancel_status: items.find((item) => item.cancel_status)?.cancel_status ?? null,
      shipping_interest_amount: '0.00',
      created_at: createdAt,
      updated_at: updatedAt,
    };
    return { order, items };
  }

  /** Odd prices on purpose ("0.10", "1234.57", "19.99"): decimal handling must be exact. */
  private price(): number {
    const rng = this.rng;
    if (rng.chance(0.2)) return rng.int(1, 99) * 100 - 1;
    if (rng.chance(0.05)) return rng.int(1, 50);
    return rng.int(500, 350_000);
  }
}
