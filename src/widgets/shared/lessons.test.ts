import { describe, expect, test } from 'vitest';
import { lessonLink } from './lessons.ts';

const titles = new Map([['ports', 'Ports'], ['tcp-states', 'TCP states']]);

describe('lessonLink(titles, base, slugOrPath) links only to published lessons', () => {
  test.each([
    // a bare slug
    ['ports', { href: '/course/ports/', title: 'Ports' }],
    // a site path, as the socket explanations carry
    ['/course/tcp-states/', { href: '/course/tcp-states/', title: 'TCP states' }],
    // an unwritten lesson gives no link
    ['/course/ftp-active-and-passive/', undefined],
    // nothing in, nothing out
    [undefined, undefined],
  ])('%j', (input, expected) => {
    expect(lessonLink(titles, '/course/', input)).toEqual(expected);
  });
});
