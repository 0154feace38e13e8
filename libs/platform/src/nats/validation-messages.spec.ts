import 'reflect-metadata';
import * as contracts from '@tdkt/contracts';
import {
  CreateUnitDto,
  CreateUserDto,
  ERROR_CATALOGUE,
  isVietnamese,
  MembersRequest,
  PageQuery,
  VALIDATION_MESSAGES,
  validationMessage,
} from '@tdkt/contracts';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import { flattenValidationErrors } from './app-error';

/** What the gateway's pipe and the services' pipe answer for a plain body. */
function fieldErrors(cls: new () => object, plain: object) {
  return flattenValidationErrors(
    validateSync(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true }),
  );
}

/** Rules class-validator runs that are not checks of a value (they decide whether to check). */
const NOT_RULES = new Set(['conditionalValidation', 'whitelistValidation', 'promiseValidation']);

describe('the validation message catalogue', () => {
  it('has a Vietnamese message (NFC) for every rule used by a contract DTO', () => {
    expect(Object.keys(contracts).length).toBeGreaterThan(0); // every DTO class declared
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<unknown, { name?: string; type: string }[]>;
    };
    const used = new Set<string>();
    for (const list of storage.validationMetadatas.values())
      for (const m of list) if (!NOT_RULES.has(m.type)) used.add(m.name ?? m.type);
    expect(used.size).toBeGreaterThan(15);
    const missing = [...used].filter((rule) => !(rule in VALIDATION_MESSAGES));
    expect(missing).toEqual([]);
    for (const [rule, message] of Object.entries(VALIDATION_MESSAGES)) {
      expect([rule, isVietnamese(message)]).toEqual([rule, true]);
      expect(message).toBe(message.normalize('NFC'));
    }
  });

  it('every message of the error catalogue is Vietnamese, in NFC (codes stay English)', () => {
    const wrong = Object.entries(ERROR_CATALOGUE)
      .filter(([reason]) => reason !== 'REFUSED_BY_POLICY') // passes a policy's own text on
      .filter(
        ([reason, spec]) =>
          !/^[A-Z0-9_]+$/.test(reason) ||
          !isVietnamese(spec.message) ||
          spec.message !== spec.message.normalize('NFC'),
      )
      .map(([reason]) => reason);
    expect(wrong).toEqual([]);
  });

  it('fills in the rule’s arguments and says when it applies to each element', () => {
    expect(validationMessage('maxLength', [64])).toEqual({
      rule: 'maxLength',
      message: 'dài tối đa 64 ký tự',
    });
    expect(validationMessage('isLength', [1, 200]).message).toBe('phải dài từ 1 đến 200 ký tự');
    expect(validationMessage('isLength', [3]).message).toBe('phải dài ít nhất 3 ký tự');
    expect(validationMessage('isObject', [], { each: true }).message).toBe(
      'mỗi phần tử phải là một đối tượng',
    );
    expect(validationMessage('isIn', [['A', 'B']]).message).toBe('phải là một trong các giá trị: A, B');
    expect(validationMessage('someNewRule').message).toBe('không hợp lệ (quy tắc someNewRule)');
  });
});

describe('flattenValidationErrors', () => {
  it('names a field left out as required ("bắt buộc"), whatever rule noticed it first', () => {
    expect(fieldErrors(MembersRequest, { year: 2023 })).toEqual([
      { field: 'groupId', rule: 'isDefined', message: 'bắt buộc' },
    ]);
  });

  it('reports the value’s type before its size or format, with the rule named', () => {
    expect(fieldErrors(MembersRequest, { groupId: 5, year: 2023 })).toEqual([
      { field: 'groupId', rule: 'isString', message: 'phải là chuỗi ký tự' },
    ]);
    expect(fieldErrors(MembersRequest, { groupId: 'x'.repeat(65), year: 2023 })).toEqual([
      { field: 'groupId', rule: 'maxLength', message: 'dài tối đa 64 ký tự' },
    ]);
    expect(fieldErrors(PageQuery, { limit: 100_000 })).toEqual([
      { field: 'limit', rule: 'max', message: 'phải nhỏ hơn hoặc bằng 500' },
    ]);
  });

  it('lists an enum’s values, refuses unknown fields and null where a field may only be left out', () => {
    const kind = fieldErrors(CreateUnitDto, { code: 'binh-dinh', name: 'Bình Định', kind: 'TINH' });
    expect(kind).toHaveLength(1);
    expect(kind[0]).toMatchObject({ field: 'kind', rule: 'isEnum' });
    expect(kind[0].message).toMatch(/^phải là một trong các giá trị: .*PROVINCE/);
    expect(fieldErrors(MembersRequest, { groupId: 'g', year: 2023, extra: 1 })).toEqual([
      { field: 'extra', rule: 'whitelistValidation', message: 'trường này không được phép trong yêu cầu' },
    ]);
    expect(fieldErrors(MembersRequest, { groupId: 'g', year: null })).toEqual([
      { field: 'year', rule: 'isDefined', message: 'không được là null (có thể bỏ qua trường này)' },
    ]);
  });

  it('keeps a decorator’s own message when it is already Vietnamese (without repeating the field)', () => {
    const e = fieldErrors(CreateUserDto, { username: 'có dấu', displayName: 'A', roles: [] });
    expect(e).toEqual([
      {
        field: 'username',
        rule: 'matches',
        message: 'chỉ gồm chữ cái không dấu, chữ số, dấu chấm, gạch ngang, gạch dưới (2–100 ký tự)',
      },
    ]);
    expect(fieldErrors(CreateUnitDto, { code: 'Bình Định', name: 'Bình Định', kind: 'PROVINCE' })).toEqual([
      {
        field: 'code',
        rule: 'matches',
        message: 'chỉ gồm chữ thường không dấu, chữ số và gạch ngang (tối đa 64 ký tự)',
      },
    ]);
  });
});
