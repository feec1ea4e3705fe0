// What a terminal window would show for some output bytes: they are played into a headless xterm
// (@xterm/headless, the terminal emulator of VS Code) and its screen is read back row by row.
import xterm from '@xterm/headless';

/** Screen size and how line feeds arrive. */
export interface ScreenSize {
  cols: number;
  rows: number;
  /**
   * True for bytes written straight to a stream double: a terminal's line discipline turns "\n"
   * into "\r\n" (onlcr). False for bytes read from a pseudo-terminal, which did it already.
   */
  convertEol: boolean;
}

/** The rows of the screen (and scrollback) after `raw` was written, trailing blank rows removed. */
export async function playOnScreen(raw: string, size: ScreenSize): Promise<string[]> {
  const term = new xterm.Terminal({ ...size, scrollback: 1000, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(raw, resolve));
  const rows: string[] = [];
  const buf = term.buffer.active;
  for (let i = 0; i < buf.length; i++) rows.push(buf.getLine(i)?.translateToString(true) ?? '');
  while (rows.length > 0 && rows.at(-1) === '') rows.pop();
  term.dispose();
  return rows;
}
