import { readProblem } from './flexport.client';

describe('readProblem (application/problem+json)', () => {
  it('takes detail first, then title, and a meaningful problem type as the code', () => {
    expect(
      readProblem({ status: 400, statusText: 'Bad Request', data: { type: 'about:blank', title: 'Bad Request', detail: 'Order 7 is no longer in a valid state to be cancelled', status: 400 } }),
    ).toEqual({ message: 'Order 7 is no longer in a valid state to be cancelled', remoteCode: null });
    expect(readProblem({ status: 423, statusText: 'Locked', data: { type: 'https://errors.flexport.com/account-locked', title: 'Account locked' } })).toEqual({
      message: 'Account locked',
      remoteCode: 'https://errors.flexport.com/account-locked',
    });
  });

  it('copes with bodies that are not problems', () => {
    expect(readProblem({ status: 502, statusText: 'Bad Gateway', data: '<html>upstream</html>' })).toEqual({ message: '<html>upstream</html>', remoteCode: null });
    expect(readProblem({ status: 503, statusText: '', data: '' })).toEqual({ message: 'HTTP 503', remoteCode: null });
  });
});
