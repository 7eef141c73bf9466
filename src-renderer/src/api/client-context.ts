import { createContext, useContext } from 'react';
import type { HomelaneClient } from '../../../src-main/contract';

export const ClientContext = createContext<HomelaneClient | null>(null);

export function useClient(): HomelaneClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient() outside <ClientContext.Provider>');
  return client;
}
