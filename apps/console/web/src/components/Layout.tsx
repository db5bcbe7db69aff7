import { Suspense, useEffect, useRef } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { useLiveUpdates } from '../api/live-updates.js';
import { useLogout, useSession } from '../api/session.js';
import { MainNav } from './MainNav.js';

const ROLE_LABELS = { admin: 'Administração', agent: 'Atendimento' } as const;

/** The signed-in frame: who is here, the pages they may open, the way out, and the live updates every page relies on. */
export function Layout() {
  const { user } = useSession();
  const logout = useLogout();
  useLiveUpdates();
  const main = useMoveFocusOnNavigation();

  return (
    <>
      <a className="skip-link" href="#conteudo">
        Pular para o conteúdo
      </a>
      <header className="app-header">
        <Link to="/" className="brand">
          Sara <span className="brand-sub">Console</span>
        </Link>
        <div className="user-box">
          <span className="user-name">
            {user.name} <span className="user-role">· {ROLE_LABELS[user.role]}</span>
          </span>
          <button type="button" className="button button-quiet" onClick={() => logout.mutate()} disabled={logout.isPending}>
            Sair
          </button>
        </div>
      </header>
      <MainNav role={user.role} />
      <main id="conteudo" ref={main} tabIndex={-1} className="app-main">
        <Suspense
          fallback={
            <p role="status" className="page-status">
              Carregando…
            </p>
          }
        >
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}

/**
 * A client-side navigation leaves focus on a link that no longer exists; moving it to the new
 * page's main landmark lets keyboard and screen-reader users start reading where a reload would.
 */
function useMoveFocusOnNavigation() {
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    main.current?.focus();
  }, [pathname]);
  return main;
}
