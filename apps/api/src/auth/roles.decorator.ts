import { SetMetadata } from '@nestjs/common';

export type Role = 'citizen' | 'admin' | 'auditor';
export const ROLES = 'auth:roles';

/** Who may call a route. Routes without it are for citizens; @Public() routes need no token. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** Reading the admin API: auditors and admins. */
export const AdminRead = () => Roles('admin', 'auditor');
/** Changing anything through the admin API: admins only. */
export const AdminWrite = () => Roles('admin');
