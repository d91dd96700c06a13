import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, sectionOf } from './route';

describe('parseRoute', () => {
  it.each([
    ['', { page: 'check' }],
    ['#', { page: 'check' }],
    ['#/', { page: 'check' }],
    ['#/check', { page: 'check' }],
    ['#/check/', { page: 'check' }],
    ['#/benchmark', { page: 'benchmark' }],
    ['#/models', { page: 'models' }],
    ['#/runs', { page: 'runs' }],
    ['#/runs/', { page: 'runs' }],
    ['#/runs/42', { page: 'runs', runId: '42' }],
    ['#/runs/run%20a%2Fb', { page: 'runs', runId: 'run a/b' }],
    ['#/runs/%E0%A4%A', { page: 'runs', runId: '%E0%A4%A' }],
    ['check', { page: 'check' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('reports unknown paths instead of guessing', () => {
    expect(parseRoute('#/settings')).toEqual({ page: 'not-found', path: '/settings' });
    expect(parseRoute('#/runs/1/2')).toEqual({ page: 'not-found', path: '/runs/1/2' });
    expect(parseRoute('#/models/x')).toEqual({ page: 'not-found', path: '/models/x' });
  });
});

describe('routeHash', () => {
  it('round-trips every route', () => {
    for (const hash of ['#/check', '#/benchmark', '#/runs', '#/runs/abc', '#/models', '#/runs/a%2Fb%20c']) {
      expect(routeHash(parseRoute(hash))).toBe(hash);
    }
  });

  it('sends an unknown path back to Check', () => {
    expect(routeHash({ page: 'not-found', path: '/x' })).toBe('#/check');
  });
});

describe('sectionOf', () => {
  it('marks a run page as part of Runs', () => {
    expect(sectionOf({ page: 'runs', runId: '7' })).toBe('runs');
    expect(sectionOf({ page: 'not-found', path: '/x' })).toBeNull();
  });
});
