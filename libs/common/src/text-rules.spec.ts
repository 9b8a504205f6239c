import { validateSync } from 'class-validator';
import { IsFreeText, IsSingleLineText, textProblem } from './text-rules';

describe('textProblem', () => {
  it.each([
    ['plain ASCII', 'DHL'],
    ['letters of any script', 'Почта России'],
    ['emoji (a surrogate pair)', 'box 📦'],
  ])('accepts %s in single-line text', (_case, value) => {
    expect(textProblem(value, 'single-line')).toBeNull();
  });

  it.each([
    ['a NUL byte', 'DHL\u0000', /control characters/],
    ['a line break', 'DHL\nUPS', /control characters/],
    ['DEL', 'DHL\u007f', /control characters/],
    ['a zero-width space', 'D\u200bHL', /invisible format/],
    ['a right-to-left override', '\u202eLHD', /invisible format/],
    ['a byte-order mark', '\ufeffDHL', /invisible format/],
    ['a lone high surrogate', 'DHL\ud800', /lone surrogate/],
    ['a lone low surrogate', '\udc00DHL', /lone surrogate/],
  ])('refuses %s in single-line text', (_case, value, why) => {
    expect(textProblem(value, 'single-line')).toMatch(why);
  });

  it.each([
    ['tabs and line breaks', 'line 1\r\n\tline 2'],
    ['an emoji family joined by zero-width joiners', 'from 👨\u200d👩\u200d👧'],
    ['right-to-left text with its marks', 'שלום \u200fעולם'],
  ])('accepts %s in free text', (_case, value) => {
    expect(textProblem(value, 'free')).toBeNull();
  });

  it.each([
    ['a NUL byte', 'note\u0000', /control characters other than tab/],
    ['an escape sequence', '\u001b[31mred', /control characters other than tab/],
    ['a lone surrogate', 'note \udfff', /lone surrogate/],
  ])('refuses %s in free text', (_case, value, why) => {
    expect(textProblem(value, 'free')).toMatch(why);
  });

  it('leaves non-strings to the type validators', () => {
    expect(textProblem(42, 'single-line')).toBeNull();
  });
});

describe('text decorators', () => {
  class Sample {
    @IsSingleLineText()
    carrier: unknown;

    @IsFreeText()
    note: unknown;

    @IsSingleLineText({ each: true })
    lineIds: unknown;
  }

  const problems = (values: Partial<Sample>) =>
    validateSync(Object.assign(new Sample(), { carrier: 'DHL', note: 'ok', lineIds: ['l1'], ...values })).flatMap((error) => Object.values(error.constraints ?? {}));

  it('passes clean values', () => {
    expect(problems({})).toEqual([]);
  });

  it('names the field and the reason', () => {
    expect(problems({ carrier: 'DHL\u0000', note: 'x\ud800' })).toEqual(['carrier must not contain control characters', 'note must be well-formed Unicode (it contains a lone surrogate)']);
  });

  it('checks each array item', () => {
    expect(problems({ lineIds: ['l1', 'l\u200b2'] })).toEqual(['each value in lineIds must not contain invisible format characters (zero-width, bidi controls)']);
  });
});
