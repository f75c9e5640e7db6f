import { z } from 'zod';

/** What a person may do; every API route names the roles it admits. */
export const Role = z.enum(['moderator', 'evaluator', 'analyst', 'admin']);
export type Role = z.infer<typeof Role>;

/** Login-style id, also used as `actor`/`auditor` on quality events. */
export const UserId = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" or "-"');

export const User = z.object({
  id: UserId,
  name: z.string().min(1).max(128),
  roles: z.array(Role).min(1),
});
export type User = z.infer<typeof User>;

export const CreateUserRequest = User;

export const MeResponse = z.object({ user: User });
export type MeResponse = z.infer<typeof MeResponse>;

export const CreateTokenRequest = z.object({
  label: z.string().min(1).max(128).default('api'),
});

/** A token is shown once, at creation; the server keeps only its hash. */
export const TokenResponse = z.object({
  token: z.string(),
  tokenId: z.string(),
  user: User,
});
export type TokenResponse = z.infer<typeof TokenResponse>;

/** Demo mode only: the users a newcomer can sign in as without a token. */
export const DemoUsersResponse = z.object({ users: z.array(User) });
export type DemoUsersResponse = z.infer<typeof DemoUsersResponse>;

export const DemoSignInRequest = z.object({ userId: UserId });

export const HealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['pglite', 'postgres']),
  demo: z.boolean(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

/** A single user, as `POST /v1/users` answers. */
export const UserResponse = z.object({ user: User });
export type UserResponse = z.infer<typeof UserResponse>;
