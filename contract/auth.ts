import { z } from 'zod';
import { storableString, Timestamp } from './common';

/** What a person may do; every API route names the roles it admits. */
export const Role = z.enum(['moderator', 'evaluator', 'analyst', 'admin']);
export type Role = z.infer<typeof Role>;

/** Login-style id, also used as `actor`/`auditor` on quality events. */
export const UserId = storableString(64)
  .min(2)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" or "-"');

export const User = z.object({
  id: UserId,
  name: storableString(128).min(1),
  roles: z.array(Role).min(1),
});
export type User = z.infer<typeof User>;

export const CreateUserRequest = User;

/** The id of an API token (not the token): safe to show, list and log. */
export const TokenId = storableString(64).regex(/^tok_[A-Za-z0-9-]+$/, 'a token id (tok_…)');

/** Longest lifetime a token may be given, in days. */
export const TOKEN_MAX_DAYS = 3650;

/** A token as lists show it: never the token itself nor its hash. */
export const TokenInfo = z.object({
  id: TokenId,
  userId: UserId,
  label: storableString(128),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
  /** Minted by demo sign-in: refused once the server runs without demo mode. */
  demo: z.boolean(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;

export const TokenListResponse = z.object({ tokens: z.array(TokenInfo) });
export type TokenListResponse = z.infer<typeof TokenListResponse>;

/** The token a request was made with, so a client can say when it runs out. */
export const CurrentToken = TokenInfo.pick({ id: true, label: true, expiresAt: true });
export type CurrentToken = z.infer<typeof CurrentToken>;

export const MeResponse = z.object({
  user: User,
  /** Always sent by this API; optional so the extension still signs in against an API from before token expiry. */
  token: CurrentToken.optional(),
});
export type MeResponse = z.infer<typeof MeResponse>;

export const CreateTokenRequest = z.object({
  label: storableString(128).min(1).default('api'),
  /** Lifetime in days; the server's default (QA_LENS_TOKEN_TTL_DAYS) when absent. */
  days: z.number().int().min(1).max(TOKEN_MAX_DAYS).optional(),
});

/** A token is shown once, at creation; the server keeps only its hash. */
export const TokenResponse = z.object({
  token: storableString(100),
  tokenId: TokenId,
  expiresAt: Timestamp,
  user: User,
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** Demo mode only: the users a newcomer can sign in as without a token. */
export const DemoUsersResponse = z.object({ users: z.array(User) });
export type DemoUsersResponse = z.infer<typeof DemoUsersResponse>;

export const DemoSignInRequest = z.object({ userId: UserId });

/** `GET /health`: the API process is up (liveness; adapter health is another thing). */
export const LivenessResponse = z.object({
  status: z.literal('ok'),
  version: storableString(64),
  database: z.enum(['pglite', 'postgres']),
  demo: z.boolean(),
});
export type LivenessResponse = z.infer<typeof LivenessResponse>;

/** A single user, as `POST /v1/users` answers. */
export const UserResponse = z.object({ user: User });
export type UserResponse = z.infer<typeof UserResponse>;
