/**
 * Small readers of an HTTP answer for the API client (client.ts): header names, the body as
 * text whatever the adapter handed back, and whether it is a web page rather than JSON.
 */

/** The headers as a plain object with lower-case names (axios hands back an AxiosHeaders). */
export function lowerCaseHeaders(headers: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof headers !== 'object' || headers === null) return out;
  const plain =
    typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON: () => Record<string, unknown> }).toJSON()
      : (headers as Record<string, unknown>);
  for (const [k, v] of Object.entries(plain)) out[k.toLowerCase()] = v;
  return out;
}

/** The body as text, whatever the adapter produced (string, bytes, or parsed JSON). */
export function bodyText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data === null || data === undefined) return '';
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  // An adapter that parsed JSON itself despite responseType 'text'.
  try {
    return JSON.stringify(data) ?? '';
  } catch {
    return '';
  }
}

/** True when the answer is an HTML page (by content type, or a body starting with `<`). */
export function looksLikeHtml(contentType: string, text: string): boolean {
  return /\bhtml\b/i.test(contentType) || text.startsWith('<');
}
