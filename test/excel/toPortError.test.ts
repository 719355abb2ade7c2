import { isPayloadLimitError, toPortError } from '../../src/excel/toPortError';
import { PortError } from '../../src/workflows/workbookPort';
import { FakeOfficeError } from '../fakes/fakeExcel';

describe('toPortError', () => {
  it.each([
    ['ItemNotFound', 'source_not_found'],
    ['RequestPayloadSizeLimitExceeded', 'payload_too_large'],
    ['ResponsePayloadSizeLimitExceeded', 'payload_too_large'],
    ['RangeExceedsLimit', 'payload_too_large'],
    ['InvalidOperationInCellEditMode', 'busy'],
    ['ApiNotFound', 'not_supported'],
    ['InvalidArgument', 'invalid_name'],
    ['ItemAlreadyExists', 'invalid_name'],
    ['GeneralException', 'host_error'],
    ['AccessDenied', 'host_error'],
  ])('maps %s to %s and keeps the original as cause', (code, expected) => {
    const original = new FakeOfficeError(code);
    const error = toPortError(original, 'readGrid');
    expect(error).toBeInstanceOf(PortError);
    expect((error as PortError).code).toBe(expected);
    expect((error as PortError).cause).toBe(original);
    expect((error as PortError).message).toContain(code);
  });

  it('passes a PortError through unchanged', () => {
    const error = new PortError('busy', 'x');
    expect(toPortError(error, 'op')).toBe(error);
  });

  it('returns an error that is not from Office unchanged', () => {
    const bug = new TypeError('x is undefined');
    expect(toPortError(bug, 'op')).toBe(bug);
  });
});

describe('isPayloadLimitError', () => {
  it('recognises both payload codes only', () => {
    expect(isPayloadLimitError(new FakeOfficeError('RequestPayloadSizeLimitExceeded'))).toBe(true);
    expect(isPayloadLimitError(new FakeOfficeError('ResponsePayloadSizeLimitExceeded'))).toBe(true);
    expect(isPayloadLimitError(new FakeOfficeError('GeneralException'))).toBe(false);
    expect(isPayloadLimitError('RequestPayloadSizeLimitExceeded')).toBe(false);
  });
});
