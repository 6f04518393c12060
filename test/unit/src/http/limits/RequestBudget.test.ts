import { RequestTimeoutError, ResponseTooLargeError } from '../../../../../src/core/errors';
import { HeavyLane } from '../../../../../src/http/limits/HeavyLane';
import { RequestBudget, YIELD_EVERY_FIELDS } from '../../../../../src/http/limits/RequestBudget';

/** A request end that can be fired by hand (the request scope in the gateway). */
function requestEnd() {
  const fns: (() => void)[] = [];
  return { onFinish: (fn: () => void) => fns.push(fn), finish: () => fns.splice(0).forEach((fn) => fn()) };
}

describe('RequestBudget', () => {
  it('throws RESPONSE_TOO_LARGE once the bytes charged pass the limit, and the same error at every later check', () => {
    const budget = new RequestBudget({ maxBytes: 100 });
    expect(budget.charge(60)).toBeUndefined();
    expect(() => budget.charge(41)).toThrow(ResponseTooLargeError);
    expect(budget.failure).toBeInstanceOf(ResponseTooLargeError);
    expect(budget.failure?.extensions).toEqual({ code: 'RESPONSE_TOO_LARGE', limit: 100 });
    expect(() => budget.check()).toThrow(budget.failure as Error);
    expect(budget.spent).toBe(101);
  });

  it('throws REQUEST_TIMEOUT at the first check after the deadline passed', () => {
    const deadline = new AbortController();
    const budget = new RequestBudget({ maxBytes: 1_000, deadline: deadline.signal });
    expect(() => budget.check()).not.toThrow();
    deadline.abort(new RequestTimeoutError(250));
    expect(() => budget.check()).toThrow(RequestTimeoutError);
    expect(budget.failure?.extensions).toEqual({ code: 'REQUEST_TIMEOUT', timeoutMs: 250 });
  });

  it('admits operations while the request total stays within the limit (a batch shares it)', () => {
    const budget = new RequestBudget({ maxBytes: 1_000 });
    expect(budget.spendCost(30, 50)).toBe(true);
    expect(budget.spendCost(30, 50)).toBe(false);
    expect(budget.spendCost(20, 50)).toBe(true);
    expect(budget.costSpent).toBe(50);
  });

  it('tells its cost sink (the request scope) the cost admitted', () => {
    const sink = { estimatedCost: 0 };
    const budget = new RequestBudget({ maxBytes: 1_000, costSink: sink });
    budget.spendCost(7, 50);
    budget.spendCost(5, 50);
    expect(sink.estimatedCost).toBe(12);
  });

  it('ends a turn after YIELD_EVERY_FIELDS fields: what comes next is deferred to later turns, each field once, in order', async () => {
    const budget = new RequestBudget({ maxBytes: Number.MAX_SAFE_INTEGER });
    for (let i = 0; i < YIELD_EVERY_FIELDS; i++) budget.charge(1);
    expect(budget.mustWait).toBe(true);
    const ran: number[] = [];
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    // Each deferred field charges itself: two turns' worth, so they run over two later turns.
    const done = Array.from({ length: 2 * YIELD_EVERY_FIELDS }, (_, i) =>
      budget.defer(() => {
        budget.charge(1);
        ran.push(i);
        return i;
      }),
    );
    expect(ran).toEqual([]);
    await expect(Promise.all(done)).resolves.toEqual(ran);
    expect(ran).toEqual(Array.from({ length: 2 * YIELD_EVERY_FIELDS }, (_, i) => i));
    expect(timerRan).toBe(true);
  });

  it('settles a deferred field with its error', async () => {
    const budget = new RequestBudget({ maxBytes: 10 });
    await expect(
      budget.defer(() => {
        budget.charge(11);
      }),
    ).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it('takes a place in the heavy lane once the response passes the threshold, and gives it back when the request ends', async () => {
    const lane = new HeavyLane(1);
    const end = requestEnd();
    const first = new RequestBudget({ maxBytes: 10_000, heavy: { lane, thresholdBytes: 100, thresholdCost: 1_000, end } });
    first.charge(50);
    expect(first.mustWait).toBe(false);
    first.charge(60); // past 100: takes the only place, waiting until it has it
    expect(first.mustWait).toBe(true);
    await first.defer(() => undefined);
    expect(lane.taken).toBe(1);
    const second = new RequestBudget({ maxBytes: 10_000, heavy: { lane, thresholdBytes: 100, thresholdCost: 1_000, end: requestEnd() } });
    let secondGoesOn = false;
    second.charge(200);
    expect(second.mustWait).toBe(true);
    const waiting = second.defer(() => (secondGoesOn = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect({ secondGoesOn, waiting: lane.waiting }).toEqual({ secondGoesOn: false, waiting: 1 });
    end.finish();
    await waiting;
    expect(secondGoesOn).toBe(true);
  });

  it('admits an operation estimated above the heavy cost only once it holds a place; one place per request', async () => {
    const lane = new HeavyLane(1);
    const end = requestEnd();
    const budget = new RequestBudget({ maxBytes: 10_000, heavy: { lane, thresholdBytes: 100, thresholdCost: 1_000, end } });
    await budget.admit(10); // cheap: no place
    expect(lane.taken).toBe(0);
    await budget.admit(5_000);
    await budget.admit(5_000); // the batch's second operation shares the place
    expect(lane.taken).toBe(1);
    end.finish();
    expect(lane.taken).toBe(0);
  });

  it('answers REQUEST_TIMEOUT when the deadline passes while waiting for a place', async () => {
    const lane = new HeavyLane(1);
    await lane.enter();
    const deadline = new AbortController();
    const budget = new RequestBudget({ maxBytes: 10_000, deadline: deadline.signal, heavy: { lane, thresholdBytes: 100, thresholdCost: 1_000, end: requestEnd() } });
    const admitted = budget.admit(5_000);
    deadline.abort(new RequestTimeoutError(50));
    await expect(admitted).rejects.toBeInstanceOf(RequestTimeoutError);
    expect(lane.waiting).toBe(0);
    expect(budget.failure).toBeInstanceOf(RequestTimeoutError);
  });
});

describe('HeavyLane', () => {
  it('lets `places` callers in at once and the rest in arrival order as places free', async () => {
    const lane = new HeavyLane(2);
    const a = await lane.enter();
    await lane.enter();
    const order: string[] = [];
    const c = lane.enter().then((release) => (order.push('c'), release));
    const d = lane.enter().then((release) => (order.push('d'), release));
    expect({ taken: lane.taken, waiting: lane.waiting }).toEqual({ taken: 2, waiting: 2 });
    a();
    a(); // releasing twice frees one place only
    await c;
    expect(order).toEqual(['c']);
    (await c)();
    await d;
    expect(order).toEqual(['c', 'd']);
  });
});
