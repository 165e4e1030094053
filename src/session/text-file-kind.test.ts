import { describe, expect, it } from 'vitest';
import { looksLikeTable } from './text-file-kind';

describe('a .txt file: a table or a text', () => {
  it('a table saved as .txt (tabs, semicolons, short comma cells) reads as a table', () => {
    expect(looksLikeTable('a\tb\tc\n1\t2\t3\n4\t5\t6\n7\t8\t9\n')).toBe(true);
    expect(looksLikeTable('x;y\n1,5;2\n3;4\n5;6\n')).toBe(true);
    expect(looksLikeTable('name,age\nAnn,31\nBob,42\nCy,27\n')).toBe(true);
  });

  it('prose is text, even with a comma on every line', () => {
    const prose = [
      'It is a truth universally acknowledged, that a single man in possession of a good fortune must be in want of a wife.',
      'However little known the feelings or views of such a man may be on his first entering a neighbourhood, this truth is fixed.',
      'My dear Mr. Bennet said his lady to him one day, have you heard that Netherfield Park is let at last?',
      'Mr. Bennet replied, that he had not heard anything of the kind from anyone in the village.',
      '',
    ].join('\n');
    expect(looksLikeTable(prose)).toBe(false);
    expect(looksLikeTable('one line only, no table\n')).toBe(false);
    // Varying counts: not a table.
    expect(looksLikeTable('a,b\nc\nd,e,f\ng,h\n')).toBe(false);
  });
});
