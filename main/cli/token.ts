/**
 * The CLI's API token: `USEAPI_TOKEN` (empty means unset), else the keychain entry the tray app
 * saves. A token whose format is wrong is refused here, with the app's own check, before it is
 * sent anywhere. Every failure is a message meant to be printed whole.
 */
import { checkTokenFormat } from '../core/api/token-format.ts';
import { KeychainStore, type SecretStore } from '../secrets/keychain.ts';

/** A token and where it came from, or why there is none. */
export type TokenResult = { token: string; source: string } | { error: string };

/** How to set the variable in the user's shell. */
function exportExample(platform: NodeJS.Platform): string {
  return platform === 'win32'
    ? '$env:USEAPI_TOKEN = "user:1234-…"    (PowerShell; cmd: set USEAPI_TOKEN=user:1234-…)'
    : 'export USEAPI_TOKEN=user:1234-…';
}

/**
 * The no-token message, several lines: what to set, an example, and the app alternative.
 * @param keychain where the app keeps the token, or why the keychain could not be read.
 */
function noTokenMessage(
  keychain: { where: string } | { failure: string },
  platform = process.platform,
): string {
  const lines = [
    'No API token. Set USEAPI_TOKEN to your useapi.net API token (the whole "user:…" string), e.g.',
    `  ${exportExample(platform)}`,
  ];
  if ('where' in keychain)
    lines.push(`or save it in the MiniMax Tray app, which keeps it in ${keychain.where}.`);
  else lines.push(`(The token saved by the MiniMax Tray app could not be read: ${keychain.failure})`);
  return lines.join('\n');
}

/**
 * Finds the token (see module docs). Never throws; never returns a token that fails
 * {@link checkTokenFormat}.
 * @param keychain builds the keychain store; tests pass a fake.
 */
export async function resolveToken(
  env: NodeJS.ProcessEnv,
  keychain: () => SecretStore = () => new KeychainStore(),
): Promise<TokenResult> {
  const fromEnv = env.USEAPI_TOKEN?.trim();
  if (fromEnv) return checked(fromEnv, 'USEAPI_TOKEN', 'the token in USEAPI_TOKEN');
  let store: SecretStore;
  try {
    store = keychain();
  } catch (e) {
    return { error: noTokenMessage({ failure: `the OS keychain is unavailable (${describe(e)})` }) };
  }
  try {
    const token = await store.get();
    if (token) return checked(token.trim(), store.describe(), `the token saved in ${store.describe()}`);
    return { error: noTokenMessage({ where: store.describe() }) };
  } catch (e) {
    return { error: noTokenMessage({ failure: describe(e) }) };
  }
}

function checked(token: string, source: string, what: string): TokenResult {
  const problem = checkTokenFormat(token);
  return problem === null ? { token, source } : { error: `Not sending ${what}: ${problem}` };
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
