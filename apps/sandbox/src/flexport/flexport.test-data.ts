/** Test-data builder for create-order bodies (used by the Flexport specs). */
export function createOrderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    address: {
      address1: 'Bağdat Caddesi No: 12 D:3',
      address2: 'Daire 4',
      city: 'İstanbul',
      company: null,
      countryCode: 'TR',
      name: 'Şükrü Öztürk',
      phone: '05551234567',
      provinceCode: '34',
      zip: '34710',
    },
    externalOrderId: `ext-${Math.random().toString(36).slice(2)}`,
    // Istanbul is outside the US: every line declares its customs value (docs/api-decisions.md FX-6).
    lineItems: [{ logisticsSku: 'DSKU-1', quantity: 2, customsUnitValue: { amount: 629, currencyCode: 'TRY' } }],
    source: 'WEBSITE',
    ...overrides,
  };
}
