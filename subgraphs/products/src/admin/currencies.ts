/**
 * Circulating currencies of the ISO 4217 list (list one, as amended through 2025).
 * Fund codes (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW), precious metals, SDR,
 * bond-market units and the test codes are left out: nothing is priced in them.
 * Withdrawn codes (ANG, CUC, HRK, SLL, VEF, ZWL, …) are left out too.
 */
const ACTIVE_CURRENCIES: ReadonlySet<string> = new Set(
  `AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
   CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP
   GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD
   KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN
   NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP
   SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES
   VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG`
    .split(/\s+/)
    .filter(Boolean),
);

export const isActiveCurrency = (code: string): boolean => ACTIVE_CURRENCIES.has(code);
