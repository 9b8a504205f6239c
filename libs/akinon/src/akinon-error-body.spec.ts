import { readAkinonError } from './akinon-error-body';

describe('readAkinonError (Django REST framework shapes)', () => {
  it.each([
    [{ detail: 'Invalid token.' }, 'Invalid token.', null],
    [{ detail: 'Not found.', code: 'not_found' }, 'Not found.', 'not_found'],
    [{ non_field_errors: ['Packaged order items cannot be rejected.'] }, 'Packaged order items cannot be rejected.', 'non_field_errors'],
    [{ updated_at__gte: ['Enter a valid date/time.'] }, 'updated_at__gte: Enter a valid date/time.', 'updated_at__gte'],
    [{ a: ['x', 'y'], b: ['z'] }, 'a: x y; b: z', 'a'],
    [{ address: { city: ['Required.'] } }, 'address: city: Required.', 'address'],
    [['Something went wrong.'], 'Something went wrong.', null],
    [{ detail: 'Sipariş kalemi reddedilemez — paketlendi.' }, 'Sipariş kalemi reddedilemez — paketlendi.', null],
  ])('%j → %p', (body, message, code) => {
    expect(readAkinonError(body, 'Bad Request')).toEqual({ message, code });
  });

  it('falls back to the status text with an excerpt of a non-JSON body', () => {
    expect(readAkinonError('<html>502 Bad Gateway</html>', 'Bad Gateway').message).toBe('Bad Gateway: <html>502 Bad Gateway</html>');
    expect(readAkinonError('', 'Bad Gateway')).toEqual({ message: 'Bad Gateway', code: null });
    expect(readAkinonError({}, 'Bad Gateway')).toEqual({ message: 'Bad Gateway', code: null });
  });
});
