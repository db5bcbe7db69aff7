import { Link, useLocation } from 'react-router';
import type { Role } from '../../../src/contract.js';

type Item = { to: string; label: string; roles: readonly Role[] };

const EVERYONE = ['admin', 'agent'] as const;
const ADMIN = ['admin'] as const;

/** The console's pages, in the order a shop owner's day goes: talk, look at the numbers, then adjust. */
export const NAV_ITEMS: readonly Item[] = [
  { to: '/', label: 'Conversas', roles: EVERYONE },
  { to: '/painel', label: 'Painel', roles: EVERYONE },
  { to: '/ofertas', label: 'Ofertas', roles: ADMIN },
  { to: '/sequencias', label: 'Sequências e horários', roles: ADMIN },
  { to: '/pagamentos', label: 'Pagamentos para revisar', roles: ADMIN },
  { to: '/compradores', label: 'Compradores', roles: ADMIN },
  { to: '/auditoria', label: 'Auditoria', roles: ADMIN },
];

/** Agents see the inbox and the dashboard; the shop's settings and the buyers' data are the admins'. */
export function MainNav({ role }: { role: Role }) {
  const { pathname } = useLocation();
  return (
    <nav className="main-nav" aria-label="Páginas do console">
      {/* Links without a list: the inbox below is the page's one list of conversations. */}
      <div className="main-nav-links">
        {NAV_ITEMS.filter((item) => item.roles.includes(role)).map((item) => {
          const current = isCurrent(item.to, pathname);
          return (
            <Link key={item.to} to={item.to} className={current ? 'active' : undefined} aria-current={current ? 'page' : undefined}>
              {item.label}
            </Link>
          );
        })}
      </div>
    </nav>
  );
}

/** A conversation is part of the inbox: its link stays marked while one is open. */
function isCurrent(to: string, pathname: string): boolean {
  if (to === '/') return pathname === '/' || pathname.startsWith('/conversas/');
  return pathname === to || pathname.startsWith(`${to}/`);
}
