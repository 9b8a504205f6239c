import { BadRequestException } from '@nestjs/common';
import { NoBodyFields } from './no-body.pipe';

describe('NoBodyFields', () => {
  const pipe = new NoBodyFields();
  const refusal = (value: unknown) => {
    try {
      pipe.transform(value);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      return (error as BadRequestException).getResponse();
    }
  };

  it.each([
    ['no body', undefined],
    ['an empty object', {}],
  ])('accepts %s', (_case, value) => {
    expect(refusal(value)).toBeNull();
  });

  it('names every field sent', () => {
    expect(refusal({ force: true, channel: 'joom' })).toEqual({
      code: 'validation_failed',
      message: 'property force should not exist; property channel should not exist',
      details: {
        fields: [
          { field: 'force', problems: ['property force should not exist'] },
          { field: 'channel', problems: ['property channel should not exist'] },
        ],
      },
    });
  });

  it.each([
    ['an array', []],
    ['null', null],
  ])('refuses %s as a body', (_case, value) => {
    expect(refusal(value)).toEqual(expect.objectContaining({ code: 'malformed_body' }));
  });
});
