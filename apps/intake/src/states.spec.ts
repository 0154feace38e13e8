import 'reflect-metadata';
import * as contracts from '@tdkt/contracts';
import * as domain from '@tdkt/domain';
import { step } from './states';

describe('intake states', () => {
  it('answers a refused step with its own catalogue reason, naming the state', () => {
    expect(step('DRAFT', 'SUBMIT')).toBe('SUBMITTED');
    const reasonOf = (state: string, action: domain.SubmissionAction) => {
      try {
        step(state, action);
        return undefined;
      } catch (e) {
        return (e as { body: contracts.RpcErrorBody }).body;
      }
    };
    expect(reasonOf('SUBMITTED', 'SUBMIT')).toMatchObject({
      code: 'INVALID_STATE',
      reason: 'SUBMISSION_NOT_OPEN',
    });
    expect(reasonOf('SUBMITTED', 'SUBMIT')?.message).toContain('SUBMITTED');
    expect(reasonOf('DRAFT', 'RETURN')?.reason).toBe('SUBMISSION_NOT_RETURNABLE');
    expect(reasonOf('DRAFT', 'ACCEPT')?.reason).toBe('SUBMISSION_NOT_ACCEPTABLE');
    expect(reasonOf('ACCEPTED', 'EDIT_FILES')?.reason).toBe('SUBMISSION_FILES_LOCKED');
  });
});
