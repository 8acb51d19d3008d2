import { z } from "zod";
import { MAX_PASSWORD_LENGTH } from "./passwords.js";
import { PERMISSIONS, ROLES } from "./roles.js";
import { TEAM_MEMBER_ROLES } from "./teams.js";

export const RoleSchema = z.enum(ROLES);
export const PermissionSchema = z.enum(PERMISSIONS);
const Email = z.email({ error: "must be an email address" }).max(254);
const Name = z.string().trim().min(1, "must not be empty").max(120);
// Strength rules are checked by the command so they get their own error codes.
const Password = z.string().min(1, "must not be empty").max(MAX_PASSWORD_LENGTH);
export const Id = z.string().min(1).max(64);

export const IdParams = z.strictObject({ id: Id });

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(RoleSchema),
    teams: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(TEAM_MEMBER_ROLES) })),
    disabled: z.boolean(),
    hasPassword: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "User" });

export const MeSchema = z
  .object({
    user: UserSchema,
    permissions: z.array(PermissionSchema),
    authMethod: z.enum(["session", "token"]),
  })
  .meta({ id: "Me" });

export const LoginBody = z.strictObject({ email: Email, password: Password });
export const SetupBody = z.strictObject({ token: z.string().min(1).max(200), email: Email, name: Name, password: Password });
export const SetupStatus = z.object({ needed: z.boolean() });
export const CsrfResponse = z.object({ csrfToken: z.string() });
export const ChangePasswordBody = z.strictObject({ currentPassword: Password, newPassword: Password });
export const ResetPasswordBody = z.strictObject({ password: Password });

export const UserListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  role: RoleSchema.optional(),
  status: z.enum(["active", "disabled"]).optional(),
  teamId: Id.optional(),
});
export const CreateUserBody = z.strictObject({
  email: Email,
  name: Name,
  roles: z.array(RoleSchema).max(ROLES.length).default([]),
  password: Password.optional(),
});
export const UpdateUserBody = z.strictObject({
  email: Email.optional(),
  name: Name.optional(),
  roles: z.array(RoleSchema).max(ROLES.length).optional(),
  disabled: z.boolean().optional(),
});

const TeamMember = z.strictObject({ userId: Id, role: z.enum(TEAM_MEMBER_ROLES).default("member") });
export const TeamSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    members: z.array(z.object({ userId: z.string(), name: z.string(), email: z.string(), role: z.enum(TEAM_MEMBER_ROLES) })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Team" });
export const CreateTeamBody = z.strictObject({
  name: Name,
  description: z.string().max(2000).optional(),
  members: z.array(TeamMember).max(1000).optional(),
});
export const UpdateTeamBody = z.strictObject({
  name: Name.optional(),
  description: z.string().max(2000).optional(),
  members: z.array(TeamMember).max(1000).optional(),
});

export const ApiTokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(PermissionSchema),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revoked: z.boolean(),
  })
  .meta({ id: "ApiToken" });
export const CreateTokenBody = z.strictObject({
  name: Name,
  scopes: z.array(PermissionSchema).min(1, "choose at least one scope"),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const CreatedToken = z.object({ token: z.string().describe("Shown once; store it now"), apiToken: ApiTokenSchema });

export const RolesCatalogue = z.object({
  roles: z.array(z.object({ role: RoleSchema, description: z.string(), permissions: z.array(PermissionSchema) })),
  permissions: z.array(PermissionSchema),
});
