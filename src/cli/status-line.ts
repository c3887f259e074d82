/**
 * One status line at the bottom of a terminal, redrawn in place (no scroll): the live countdown of
 * `kata start` and `kata mock`. While it is shown, anything else written to stdout or stderr first
 * clears it and then puts it back below, so verdicts and messages scroll above it as usual. The
 * cursor is hidden meanwhile and always shown again by `stop` (which a Ctrl-C handler calls
 * synchronously, and the exit hook calls as a last resort).
 */
const CLEAR = '\r\u001b[2K';
const HIDE_CURSOR = '\u001b[?25l';
const SHOW_CURSOR = '\u001b[?25h';

export class StatusLine {
  private text = '';
  private shown = false;
  private stopped = true;
  private readonly originals: Array<[NodeJS.WriteStream, NodeJS.WriteStream['write']]> = [];
  private readonly onExit = () => this.stop();

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {}

  /** Takes over the terminal's bottom line; `render` is called every second and after each write. */
  start(render: () => string, everyMs = 1000): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.render = render;
    for (const target of [process.stdout, process.stderr]) {
      const original = target.write;
      this.originals.push([target, original]);
      target.write = ((chunk: unknown, ...rest: unknown[]) => {
        this.clearLine(original.bind(target));
        const result = (original as (...args: unknown[]) => boolean).call(target, chunk, ...rest);
        if (String(chunk).endsWith('\n')) this.draw();
        return result;
      }) as NodeJS.WriteStream['write'];
    }
    this.raw(HIDE_CURSOR);
    process.once('exit', this.onExit);
    this.timer = setInterval(() => this.draw(), everyMs);
    this.timer.unref();
    this.draw();
  }

  private render: () => string = () => '';
  private timer: NodeJS.Timeout | undefined;

  /** Redraws now (after a verdict changes what it says). */
  refresh(): void {
    this.draw();
  }

  /** Clears the line, gives the streams back, shows the cursor. Safe to call twice. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    process.off('exit', this.onExit);
    const [[, original] = [this.stream, this.stream.write]] = this.originals.filter(([s]) => s === this.stream);
    this.clearLine(original.bind(this.stream));
    for (const [target, write] of this.originals.splice(0)) target.write = write;
    this.raw(SHOW_CURSOR);
  }

  private draw(): void {
    if (this.stopped) return;
    this.text = this.render();
    const write = this.originalWrite();
    write(`${CLEAR}${this.text}`);
    this.shown = true;
  }

  private clearLine(write: (text: string) => unknown): void {
    if (!this.shown) return;
    write(CLEAR);
    this.shown = false;
  }

  private originalWrite(): (text: string) => unknown {
    const found = this.originals.find(([s]) => s === this.stream);
    return found ? found[1].bind(this.stream) : this.stream.write.bind(this.stream);
  }

  private raw(text: string): void {
    this.originalWrite()(text);
  }
}
