import { createContext, use } from 'react';
import type { MeDto } from '@chibo/core';

/** The signed-in account, given to every page below the auth guard. */
export const SessionContext = createContext<MeDto | null>(null);

export function useSession(): MeDto {
  const me = use(SessionContext);
  if (me === null) throw new Error('useSession() outside the signed-in area');
  return me;
}
