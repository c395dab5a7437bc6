import { useCallback, useState } from 'react';
import type { CombinedError } from 'urql';

// The staff token lives in sessionStorage: it survives reloads of this tab, is not shared with
// other tabs or windows, and is gone when the tab closes. Kabar sets no cookies (no CSRF surface).

const KEY = 'kabar.redaksi.token';

export function readToken(): string | null {
  try {
    return window.sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function useStaffToken(): [string | null, (token: string | null) => void] {
  const [token, setTokenState] = useState<string | null>(readToken);
  const setToken = useCallback((next: string | null) => {
    try {
      if (next) window.sessionStorage.setItem(KEY, next);
      else window.sessionStorage.removeItem(KEY);
    } catch {
      // storage unavailable: the token lives in memory only
    }
    setTokenState(next);
  }, []);
  return [token, setToken];
}

/** The first GraphQL error code of a failed operation (UNAUTHENTICATED, VERSION_CONFLICT, …). */
export function errorCode(error: CombinedError | undefined): string | undefined {
  return error?.graphQLErrors.find((e) => e.extensions?.code)?.extensions?.code as string | undefined;
}

export function errorExtensions(error: CombinedError | undefined): Record<string, unknown> {
  return (error?.graphQLErrors.find((e) => e.extensions?.code)?.extensions ?? {}) as Record<string, unknown>;
}

/** A short Indonesian message for a failed newsroom operation. */
export function errorMessage(error: CombinedError): string {
  const code = errorCode(error);
  switch (code) {
    case 'UNAUTHENTICATED':
      return 'Sesi Anda berakhir. Silakan masuk lagi.';
    case 'FORBIDDEN':
      return 'Peran Anda tidak boleh melakukan ini.';
    case 'NOT_FOUND':
      return 'Artikel tidak ditemukan.';
    case 'TOO_MANY_ATTEMPTS': {
      const seconds = Number(errorExtensions(error).retryAfterSeconds ?? 0);
      return `Terlalu banyak percobaan masuk. Coba lagi dalam ${Math.max(1, Math.ceil(seconds / 60))} menit.`;
    }
    case 'BAD_USER_INPUT': {
      const field = errorExtensions(error).field;
      return `Isian tidak valid${field ? ` (${String(field)})` : ''}: ${error.graphQLErrors[0]?.message ?? ''}`;
    }
    default:
      return error.networkError ? 'Server Kabar tidak dapat dihubungi.' : (error.graphQLErrors[0]?.message ?? 'Terjadi kesalahan.');
  }
}
