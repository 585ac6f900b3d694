/**
 * InitiateAuth and RespondToAuthChallenge (and their admin forms): input checks, the app client and
 * its allowed flows. The sign-in itself is in sign-in/: start.ts (the first step of every flow),
 * answer.ts (each challenge's answer), steps.ts (what follows the first factor), session.ts (its state).
 */
import type { ClientMetadata } from '../api-shapes.ts';
import type { RequestContext } from '../context.ts';
import * as E from '../errors.ts';
import { authFlowAllowed, requireClient, requirePool } from '../model.ts';
import { respond } from '../sign-in/answer.ts';
import { initiate } from '../sign-in/start.ts';
import type { ClientConfig } from '../state.ts';
import { required } from '../validate.ts';

const FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
];

function checkFlowAllowed(client: ClientConfig, flow: string): void {
  const need: Record<string, string> = {
    USER_SRP_AUTH: 'ALLOW_USER_SRP_AUTH',
    USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
    ADMIN_USER_PASSWORD_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
    CUSTOM_AUTH: 'ALLOW_CUSTOM_AUTH',
    USER_AUTH: 'ALLOW_USER_AUTH',
  };
  if (!need[flow] || authFlowAllowed(client, need[flow])) return;
  // Cognito words SRP's refusal differently from the others (aws-samples/aws-serverless-workshops#277;
  // "USER_PASSWORD_AUTH flow not enabled for this client" is the one most often reported).
  throw E.InvalidParameter(flow === 'USER_SRP_AUTH' ? 'USER_SRP_AUTH is not enabled for the client.' : `${flow} flow not enabled for this client`);
}

export interface InitiateAuthInput {
  AuthFlow: string;
  ClientId: string;
  AuthParameters?: Record<string, string>;
  ClientMetadata?: ClientMetadata;
  /** The Session ConfirmSignUp returned, for USER_AUTH straight after sign-up. */
  Session?: string;
}

export function initiateAuth(input: InitiateAuthInput, { emu }: RequestContext) {
  required(input, 'AuthFlow', 'ClientId');
  if (!FLOWS.includes(input.AuthFlow)) {
    throw E.InvalidParameter(
      `1 validation error detected: Value '${input.AuthFlow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${FLOWS.join(', ')}]`,
    );
  }
  if (input.AuthFlow.startsWith('ADMIN_')) throw E.InvalidParameter('Initiate Auth method not supported.');
  const { pool, client } = requireClient(emu, input.ClientId);
  checkFlowAllowed(client, input.AuthFlow);
  return initiate(emu, pool, client, input.AuthFlow, input.AuthParameters ?? {}, input.Session);
}

export interface AdminInitiateAuthInput {
  UserPoolId: string;
  ClientId: string;
  AuthFlow: string;
  AuthParameters?: Record<string, string>;
  ClientMetadata?: ClientMetadata;
  Session?: string;
}

export function adminInitiateAuth(input: AdminInitiateAuthInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'ClientId', 'AuthFlow');
  const pool = requirePool(emu, input.UserPoolId);
  const { client } = requireClient(emu, input.ClientId);
  if (client.UserPoolId !== pool.config.Id) throw E.ResourceNotFound(`User pool client ${input.ClientId} does not exist.`);
  checkFlowAllowed(client, input.AuthFlow);
  return initiate(emu, pool, client, input.AuthFlow, input.AuthParameters ?? {}, input.Session);
}

export interface RespondToAuthChallengeInput {
  ClientId: string;
  ChallengeName: string;
  Session?: string;
  ChallengeResponses?: Record<string, string>;
  ClientMetadata?: ClientMetadata;
}

export function respondToAuthChallenge(input: RespondToAuthChallengeInput, { emu, origin }: RequestContext) {
  required(input, 'ClientId', 'ChallengeName');
  const { pool, client } = requireClient(emu, input.ClientId);
  return respond(emu, pool, client, input.ChallengeName, input.ChallengeResponses ?? {}, input.Session, origin);
}

export interface AdminRespondToAuthChallengeInput {
  UserPoolId: string;
  ClientId: string;
  ChallengeName: string;
  Session?: string;
  ChallengeResponses?: Record<string, string>;
  ClientMetadata?: ClientMetadata;
}

export function adminRespondToAuthChallenge(input: AdminRespondToAuthChallengeInput, { emu }: RequestContext) {
  required(input, 'UserPoolId', 'ClientId', 'ChallengeName');
  const pool = requirePool(emu, input.UserPoolId);
  const { client } = requireClient(emu, input.ClientId);
  if (client.UserPoolId !== pool.config.Id) throw E.ResourceNotFound(`User pool client ${input.ClientId} does not exist.`);
  return respond(emu, pool, client, input.ChallengeName, input.ChallengeResponses ?? {}, input.Session);
}
