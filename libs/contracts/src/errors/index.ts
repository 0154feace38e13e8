import { AwardsErrors } from './awards';
import { CommonErrors } from './common';
import { DocumentsErrors } from './documents';
import { GatewayErrors } from './gateway';
import { HonoursErrors } from './honours';
import { ErrorSpec } from './define';
import { IntakeErrors } from './intake';
import { NotificationsErrors } from './notifications';
import { RegistryErrors } from './registry';
import { ScoringErrors } from './scoring';

export * from './define';
export * from './validation';
export { HTTP_TITLES, httpTitle } from './gateway';
export {
  AwardsErrors,
  CommonErrors,
  DocumentsErrors,
  GatewayErrors,
  HonoursErrors,
  IntakeErrors,
  NotificationsErrors,
  RegistryErrors,
  ScoringErrors,
};

/**
 * The one message catalogue: every coded error of every context. A reason (its key) is what a
 * front-end switches on (`code` in the problem); its kind decides the HTTP status.
 */
export const ERROR_CATALOGUE = {
  ...CommonErrors,
  ...RegistryErrors,
  ...IntakeErrors,
  ...ScoringErrors,
  ...AwardsErrors,
  ...DocumentsErrors,
  ...NotificationsErrors,
  ...GatewayErrors,
  ...HonoursErrors,
} satisfies Record<string, ErrorSpec>;

export type ErrorReason = keyof typeof ERROR_CATALOGUE;

export type ErrorParams = Record<string, string | number | boolean | null | undefined>;

/** The catalogue's message for a reason, with `{name}` filled from `params` (unknown names stay). */
export function errorMessage(reason: ErrorReason, params: ErrorParams = {}): string {
  return ERROR_CATALOGUE[reason].message.replace(/\{(\w+)\}/g, (all, name: string) =>
    params[name] === undefined || params[name] === null ? all : String(params[name]),
  );
}
