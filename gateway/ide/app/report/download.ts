/**
 * Report files fetched with the API key of GraphiQL's headers pane, then saved. A plain link cannot
 * send `x-api-key`, so with REQUIRE_READ_KEY=true it would get a 401 page instead of the file.
 *
 * The file is saved through an object URL on a same-page <a download>. That needs nothing from the
 * CSP (router.ts): the fetch is same-origin (connect-src 'self'), and a download is neither a
 * resource load nor a script, so `blob:` is not added to any directive.
 */
import type { Language } from './model.ts';

type Json = Record<string, unknown>;

/** The `x-api-key` the headers pane holds (any letter case), or null. */
export function apiKeyOf(headers: Json): string | null {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'x-api-key' && typeof value === 'string' && value.trim()) return value.trim();
  }
  return null;
}

/** The file name of a Content-Disposition header, else the fallback. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(disposition ?? '') ?? /filename=([^;\s]+)/.exec(disposition ?? '');
  return m?.[1] ?? fallback;
}

/** Why a download failed, in words a compliance officer can act on. */
export function downloadError(status: number, body: string, lang: Language, hadKey: boolean): string {
  let message = '';
  try {
    const parsed = JSON.parse(body) as { errors?: { message?: string }[] };
    message = parsed.errors?.[0]?.message ?? '';
  } catch {
    message = body.slice(0, 200);
  }
  if (status === 401) {
    const ko = hadKey ? 'API 키가 거부되었습니다. 헤더 창의 "x-api-key" 값을 확인하세요.' : '이 서버는 API 키가 있어야 보고서를 내려받을 수 있습니다. 헤더 창에 {"x-api-key": "…"}를 넣으세요.';
    const en = hadKey ? 'The API key was refused. Check the "x-api-key" value in the headers pane.' : 'This server needs an API key for reports. Put {"x-api-key": "…"} in the headers pane.';
    return `${lang === 'KO' ? ko : en} (401${message ? `: ${message}` : ''})`;
  }
  if (status === 400) return `${lang === 'KO' ? '보고서 요청이 잘못되었습니다' : 'The report request was refused'} (400${message ? `: ${message}` : ''})`;
  return `${lang === 'KO' ? '내려받기 실패' : 'Download failed'} (${status}${message ? `: ${message}` : ''})`;
}

/** Fetches `url` (same origin) with the key if any and saves it; returns an error text or null. */
export async function downloadReport(url: string, apiKey: string | null, fallbackName: string, lang: Language): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin', headers: apiKey ? { 'x-api-key': apiKey } : {} });
  } catch (error) {
    return `${lang === 'KO' ? '내려받기 실패' : 'Download failed'}: ${String(error)}`;
  }
  if (!response.ok) return downloadError(response.status, await response.text(), lang, apiKey !== null);
  const blob = await response.blob();
  const objectUrl = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = objectUrl;
  a.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // After the click has handed the file to the browser; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
  return null;
}
