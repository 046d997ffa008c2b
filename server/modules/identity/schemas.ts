import { z } from "zod";
import { listInput } from "@/server/list";

export const idInput = z.object({ id: z.string().uuid("Not a valid id") });
export const tokenInput = z.object({ token: z.string().min(10, "The link is incomplete").max(200) });

// 254 characters is the longest address SMTP carries (RFC 5321); longer input is refused unread.
const email = z
  .email("Enter a valid email address")
  .max(254, "An email address has at most 254 characters")
  .trim()
  .toLowerCase();
const name = z.string().trim().min(2, "Enter a name").max(100);

export const inviteInput = z.object({
  email,
  name: z
    .string()
    .trim()
    .max(100)
    .transform((v) => v || null)
    .nullish(),
  roleId: z.string().uuid("Choose a role"),
});

export const acceptInvitationInput = tokenInput.extend({ name, password: z.string().max(200) });
export const requestResetInput = z.object({ email });
export const completeResetInput = tokenInput.extend({ password: z.string().max(200) });
export const changePasswordInput = z.object({ currentPassword: z.string().max(200), newPassword: z.string().max(200) });

export const invitationListInput = listInput.extend({
  status: z.enum(["PENDING", "ACCEPTED", "REVOKED", "EXPIRED"]).optional(),
});

export const changeRoleInput = idInput.extend({ roleId: z.string().uuid("Choose a role") });

export const roleInput = z.object({
  name: z.string().trim().min(2, "Name the role").max(60),
  permissions: z.array(z.string().max(64)).max(200),
});
export const updateRoleInput = roleInput.extend({ id: z.string().uuid() });

export const createApiTokenInput = z.object({
  name: z.string().trim().min(2, "Name the token after what uses it").max(80),
  roleId: z.string().uuid("Choose a role"),
  expiresInDays: z.number().int().min(1).max(3650).nullish(),
  /** Permissions the token is limited to (each must be in the role); empty: the whole role. */
  scopes: z.array(z.string().max(64)).max(200).default([]),
  rateLimitPerMinute: z.number().int().min(1, "At least 1 request per minute").max(100_000).nullish(),
});
