import { cpuMicrosPerResponse, ticksOf } from '../../../../bench/read/processCpu';

describe('the read benchmark’s CPU readings', () => {
  it('adds utime and stime, counting fields after the command name even when it holds spaces and parentheses', () => {
    // Fields 3 … 15 of proc(5): state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime.
    const fields = 'S 1 2 3 4 5 6 7 8 9 10 1234 56 0 0 20 0 11';
    expect(ticksOf(`4242 (node) ${fields}`)).toBe(1290);
    expect(ticksOf(`4242 (my (odd) server 1) ${fields}`)).toBe(1290);
  });

  it('is NaN for a line it cannot read', () => {
    expect(ticksOf('4242 (node) S 1')).toBeNaN();
    expect(ticksOf('')).toBeNaN();
  });

  it('gives microseconds per response between two readings, NaN without responses or a reading', () => {
    expect(cpuMicrosPerResponse(10, 12.5, 50_000)).toBeCloseTo(50);
    expect(cpuMicrosPerResponse(10, 12.5, 0)).toBeNaN();
    expect(cpuMicrosPerResponse(Number.NaN, 12.5, 10)).toBeNaN();
  });
});
