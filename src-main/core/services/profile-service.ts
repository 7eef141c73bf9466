import { ApiError } from '../../contract';
import type { ProfileReload } from '../../contract';
import type { ServiceContext } from './context';

/** `profile.reload`: the profile's file read and checked again. */
export function reloadProfile(ctx: ServiceContext): Promise<ProfileReload> {
  if (!ctx.reloader) throw new ApiError('unavailable', 'No routing profile is loaded.');
  return ctx.reloader.reload();
}
