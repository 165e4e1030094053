import { describe, expect, it } from 'vitest';
import { compactCount, relativeTime } from './format';

describe('project card formatting', () => {
  it('says how long ago a project was saved', () => {
    const now = Date.parse('2026-05-10T12:00:00Z');
    expect(relativeTime('2026-05-10T11:59:40Z', now)).toBe('just now');
    expect(relativeTime('2026-05-10T11:55:00Z', now)).toBe('5 min ago');
    expect(relativeTime('2026-05-10T09:00:00Z', now)).toBe('3 h ago');
    expect(relativeTime('2026-05-09T08:00:00Z', now)).toBe('yesterday');
    expect(relativeTime('garbage', now)).toBe('unknown');
  });

  it('shortens parameter counts', () => {
    expect([compactCount(950), compactCount(12_345), compactCount(4_200_000), compactCount(2000)]).toEqual(['950', '12.3 K', '4.2 M', '2 K']);
  });
});
