import { STDIN_PATH } from '../seed/listInputFiles';

/** How often progress is shown: the TTY line is redrawn every 200 ms; without a TTY a log line every 10 s. */
const TTY_INTERVAL_MS = 200;
const LOG_INTERVAL_MS = 10_000;

/**
 * The seed's progress on stderr: works (records) written, rate, and — when the input's size is known (files, not
 * standard input) — the share read and an ETA from it. On a TTY one line redrawn in place; otherwise a line every 10 s.
 */
export function seedProgress(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now) {
  const started = now();
  let lastShown = 0;
  let read = 0;
  let total = 0;
  let file = '';
  let records = 0;
  const line = () => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const rate = records / seconds;
    const sized = file !== STDIN_PATH && total > 0;
    const share = sized ? read / total : 0;
    const eta = sized && share > 0 ? `ETA ${formatSeconds((seconds * (1 - share)) / share)}` : `${(read / 1e6).toFixed(1)} MB read`;
    return `${records.toLocaleString('en-US')} records  ${Math.round(rate).toLocaleString('en-US')}/s  ${sized ? `${(100 * share).toFixed(1)}%  ` : ''}${eta}`;
  };
  const show = (force = false) => {
    const t = now();
    if (!force && t - lastShown < (stream.isTTY ? TTY_INTERVAL_MS : LOG_INTERVAL_MS)) return;
    lastShown = t;
    stream.write(stream.isTTY ? `\r${line().padEnd(70)}` : `seed: ${line()}\n`);
  };
  return {
    onProgress: (bytesRead: number, totalBytes: number, path: string) => {
      read = bytesRead;
      total = totalBytes;
      file = path;
      show();
    },
    onWritten: (written: number) => {
      records = written;
      show();
    },
    /** The last figures, then a newline on a TTY. */
    done: () => {
      show(true);
      if (stream.isTTY) stream.write('\n');
    },
  };
}

function formatSeconds(s: number): string {
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}
