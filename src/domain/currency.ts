/**
 * Currencies and their minor units (ISO 4217), and the one rounding rule of
 * printed money: an amount in integer micro-units is rounded ONCE to its
 * currency's minor unit, half away from zero, in integer arithmetic.
 *
 * Minor units come from the ISO 4217 table below, not from the runtime's
 * `Intl` data (ICU follows CLDR, which differs from ISO for a few codes, e.g.
 * IQD: ISO 3, CLDR 0), so every build prints the same digits. A code that is
 * not in the table (USD, EUR, GBP, CHF and most others, or an unknown code)
 * has 2 minor units.
 */

/** ISO 4217 codes whose minor unit is not 2 decimals. Every other code has 2. */
const MINOR_UNITS: Readonly<Record<string, number>> = {
  // 0 decimals
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  // 3 decimals
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  // 4 decimals
  CLF: 4,
  UYW: 4,
};

/** Micro-units per currency unit (amounts are stored as integer micro-units). */
export const MICROS_PER_UNIT = 1_000_000;

/** Decimals of the currency's minor unit: JPY 0, USD 2, BHD 3 (ISO 4217; 2 when unknown). */
export function minorUnits(currency: string): number {
  return MINOR_UNITS[currency.toUpperCase()] ?? 2;
}

/** Micro-units in one minor unit: JPY 1,000,000, USD 10,000, BHD 1,000. */
export function minorStep(currency: string): number {
  return 10 ** (6 - minorUnits(currency));
}

/**
 * Round integer micro-units to the currency's minor unit, half away from zero
 * (USD: 1_234_505_000 -> 1_234_510_000; -5_000 -> -10_000; JPY 1_234_505_000
 * -> 1_235_000_000). The result is micro-units, a multiple of `minorStep`.
 * Integer arithmetic only (`%` on safe integers is exact).
 */
export function roundToMinor(micros: number, currency: string): number {
  return roundMicrosToStep(micros, minorStep(currency));
}

/** Round integer micro-units to a multiple of `step`, half away from zero. */
export function roundMicrosToStep(micros: number, step: number): number {
  if (!Number.isSafeInteger(micros)) throw new RangeError(`not an integer amount: ${micros}`);
  const abs = Math.abs(micros);
  const rest = abs % step;
  const down = abs - rest;
  const rounded = rest * 2 >= step ? down + step : down;
  return micros < 0 && rounded !== 0 ? -rounded : rounded;
}

/** True when `micros` is a whole number of the currency's minor units. */
export function isWholeMinor(micros: number, currency: string): boolean {
  return Number.isSafeInteger(micros) && micros % minorStep(currency) === 0;
}
