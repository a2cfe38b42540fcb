import { z } from 'zod';
import { Id, SafeString } from './common.ts';
import { Permission, Role } from './permissions.ts';

export const LoginInput = z
  .object({
    login: SafeString.trim().min(1, { error: 'Vui lòng nhập tên đăng nhập.' }).max(200),
    password: SafeString.min(1, { error: 'Vui lòng nhập mật khẩu.' }).max(500),
  })
  .strict();
export type LoginInput = z.infer<typeof LoginInput>;

/** Password policy, shared by the API, the operator's command and the web form. */
export const PASSWORD_MIN_LENGTH = 8;
export const NewPassword = SafeString.min(PASSWORD_MIN_LENGTH, { error: `Mật khẩu mới phải có ít nhất ${PASSWORD_MIN_LENGTH} ký tự.` }).max(500);

export const ChangePasswordInput = z
  .object({
    currentPassword: SafeString.min(1).max(500),
    newPassword: NewPassword,
  })
  .strict();
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const GrantDto = z.object({
  organizationId: Id,
  organizationName: z.string(),
  organizationPath: z.string(),
  role: Role,
  permissions: z.array(Permission),
});
export type GrantDto = z.infer<typeof GrantDto>;

export const MeDto = z.object({
  account: z.object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    memberId: Id.nullable(),
  }),
  /** The cell the linked member belongs to, so the member's home page can open it. */
  homeOrganizationId: Id.nullable(),
  grants: z.array(GrantDto),
  /** Union over all grants: what the UI may offer somewhere; each action is still checked. */
  permissions: z.array(Permission),
  /** Sent back in the X-CSRF-Token header on every mutation. */
  csrfToken: z.string(),
});
export type MeDto = z.infer<typeof MeDto>;
