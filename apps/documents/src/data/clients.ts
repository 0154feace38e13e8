import { AwardsRpc, IntakeReceiptRpc, ScoringRpc } from '@tdkt/contracts';
import { RpcClient, serviceClient, ServiceClient } from '@tdkt/platform';

/**
 * The typed clients documents reads through (over NATS only: documents never reads another
 * schema). The registry's is the kit's `REGISTRY_CLIENT`.
 */
export const SCORING_CLIENT = Symbol('SCORING_CLIENT');
export const AWARDS_CLIENT = Symbol('AWARDS_CLIENT');
export const INTAKE_RECEIPTS_CLIENT = Symbol('INTAKE_RECEIPTS_CLIENT');

export type ScoringClient = ServiceClient<typeof ScoringRpc>;
export type AwardsClient = ServiceClient<typeof AwardsRpc>;
export type IntakeReceiptsClient = ServiceClient<typeof IntakeReceiptRpc>;

export const scoringClient = (rpc: RpcClient): ScoringClient => serviceClient(rpc, ScoringRpc);
export const awardsClient = (rpc: RpcClient): AwardsClient => serviceClient(rpc, AwardsRpc);
export const intakeReceiptsClient = (rpc: RpcClient): IntakeReceiptsClient =>
  serviceClient(rpc, IntakeReceiptRpc);
