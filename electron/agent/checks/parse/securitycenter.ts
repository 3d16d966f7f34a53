import { firstWords } from '../../updates/parse/lines';
import type { AntivirusFinding, AntivirusProduct, Parsed } from '../types';
import { hresultIn, reasonOfHresult } from './hresult';
import { type Fields, field, intField, jsonRecords, listRecords, looksLikeJson, textField } from './powershell-output';
import { decodeProductState } from './product-state';

/*
 * The antivirus products Windows' Security Center knows: `Get-CimInstance -Namespace
 * root/SecurityCenter2 -ClassName AntiVirusProduct` or `Get-WmiObject` (list format, or piped to
 * `ConvertTo-Json`: one object or an array), and wmic's `/format:list`. Only `displayName` and
 * `productState` are read; their names are not translated. Nothing printed: nothing registered.
 * Windows Server has no Security Center: its error is "unsupported", not a missing antivirus.
 * Every instance is kept, even two of one product: an update can leave the old registration behind
 * (https://github.com/amidaware/community-scripts/issues/268), so the rules should call a product on
 * when any instance of that name is on.
 */

// The "no such namespace" error in words where its code is not printed (wmic prints none).
const NO_NAMESPACE = [/invalid namespace/i, /espace de noms non valide/i];

/**
 * An empty Security Center is not an answer: a Windows workstation always lists at least Microsoft
 * Defender (on or off), so an empty list means Security Center did not answer as it should. The
 * checks say "unknown, because …" (Defender's own details, where they came, still count).
 */
const EMPTY: Parsed<AntivirusFinding> = { unknown: 'error', detail: 'Security Center lists no antivirus product (a workstation always lists Microsoft Defender)' };

export function parseSecurityCenterAv(text: string): Parsed<AntivirusFinding> {
  if (!text.trim()) return EMPTY;
  // JSON `null` or `[]` is an empty list; a list-format text without one product is not a list.
  const json = looksLikeJson(text);
  const records = json ? jsonRecords(text) : listRecords(text).filter(hasAnyField);
  if (records === null || (!json && !records.length)) return failure(text);
  if (!records.length) return EMPTY;
  const products = records.map(product);
  const unread = products.find((entry) => typeof entry === 'string');
  if (unread !== undefined) return { unknown: 'unreadable', detail: `Security Center: no productState for ${unread}` };
  return { value: { expected: true, products: products as AntivirusProduct[] } };
}

const hasAnyField = (record: Fields): boolean => field(record, 'displayName') !== undefined || field(record, 'productState') !== undefined;

/** The product, or its name (or `a product`) when its state cannot be read. */
function product(record: Fields): AntivirusProduct | string {
  const name = textField(field(record, 'displayName'));
  const state = intField(field(record, 'productState'));
  if (name === null || state === null || state < 0) return name ?? 'a product';
  return { name, ...decodeProductState(state), signatureAgeDays: null, lastScan: null, source: 'securitycenter' };
}

function failure(text: string): Parsed<AntivirusFinding> {
  const code = hresultIn(text);
  if ((code !== null && reasonOfHresult(code) === 'unsupported') || NO_NAMESPACE.some((words) => words.test(text))) {
    return { unknown: 'unsupported', detail: `Security Center: no root/SecurityCenter2 here (Windows Server): ${firstWords(text)}` };
  }
  if (code !== null) return { unknown: reasonOfHresult(code), detail: `Security Center: ${firstWords(text)} (0x${code})` };
  return { unknown: 'unreadable', detail: `Security Center: ${firstWords(text)}` };
}
