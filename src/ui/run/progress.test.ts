import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateMeter, Throttle } from './progress';

describe('Throttle', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 1000;
  });
  afterEach(() => vi.useRealTimers());

  it('emits at once, then at most once per interval, delivering the last poke at the interval end', () => {
    const emitted: number[] = [];
    const throttle = new Throttle(() => emitted.push(clock), 250, now);
    throttle.poke();
    expect(emitted).toEqual([1000]);
    for (let i = 0; i < 100; i++) {
      clock += 1;
      throttle.poke();
    }
    expect(emitted).toEqual([1000]);
    // The first poke inside the interval (at 1001) set a timer for the rest of it: 249 ms.
    vi.advanceTimersByTime(248);
    expect(emitted).toEqual([1000]);
    clock = 1250;
    vi.advanceTimersByTime(1);
    expect(emitted).toEqual([1000, 1250]);
    vi.advanceTimersByTime(1000);
    expect(emitted).toHaveLength(2);
  });

  it('a forced event goes out at once and replaces the pending one', () => {
    const emitted: number[] = [];
    const throttle = new Throttle(() => emitted.push(clock), 250, now);
    throttle.poke();
    clock += 10;
    throttle.poke();
    throttle.force();
    expect(emitted).toEqual([1000, 1010]);
    vi.advanceTimersByTime(1000);
    expect(emitted).toEqual([1000, 1010]);
    throttle.dispose();
  });
});

describe('RateMeter', () => {
  it('knows nothing before the model answers, then gives examples per second and time left', () => {
    let clock = 0;
    const meter = new RateMeter(() => clock);
    expect(meter.examplesPerSecond()).toBeNull();
    meter.begin();
    expect(meter.etaSeconds(10)).toBeNull();
    clock = 2000;
    meter.add(1);
    meter.add(3); // a prompt shared by 3 examples
    // 4 examples in 2 s; 2 prompts in 2 s, so 10 prompts take 10 s
    expect(meter.examplesPerSecond()).toBe(2);
    expect(meter.etaSeconds(10)).toBe(10);
    expect(meter.etaSeconds(0)).toBe(0);
  });
});
