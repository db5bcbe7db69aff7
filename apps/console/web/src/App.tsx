import { lazy } from 'react';
import { Link, Navigate, Outlet, Route, Routes, useLocation } from 'react-router';
import { SessionContext, useSession, useSessionQuery } from './api/session.js';
import { Layout } from './components/Layout.js';
import { ConversationPage } from './pages/ConversationPage.js';
import { InboxPage } from './pages/InboxPage.js';
import { LoginPage } from './pages/LoginPage.js';

// The inbox is the first screen and ships in the main bundle; the merchant's pages (and the
// dashboard's chart library) load when someone opens them.
const DashboardPage = lazy(() => import('./pages/DashboardPage.js').then((m) => ({ default: m.DashboardPage })));
const OffersPage = lazy(() => import('./pages/OffersPage.js').then((m) => ({ default: m.OffersPage })));
const SequencesPage = lazy(() => import('./pages/SequencesPage.js').then((m) => ({ default: m.SequencesPage })));
const PaymentsPage = lazy(() => import('./pages/PaymentsPage.js').then((m) => ({ default: m.PaymentsPage })));
const BuyersPage = lazy(() => import('./pages/BuyersPage.js').then((m) => ({ default: m.BuyersPage })));
const AuditPage = lazy(() => import('./pages/AuditPage.js').then((m) => ({ default: m.AuditPage })));

export function App() {
  return (
    <Routes>
      <Route path="/entrar" element={<LoginPage />} />
      <Route element={<RequireSession />}>
        <Route index element={<InboxPage />} />
        <Route path="conversas/:id" element={<ConversationPage />} />
        <Route path="painel" element={<DashboardPage />} />
        <Route element={<RequireAdmin />}>
          <Route path="ofertas" element={<OffersPage />} />
          <Route path="sequencias" element={<SequencesPage />} />
          <Route path="pagamentos" element={<PaymentsPage />} />
          <Route path="compradores" element={<BuyersPage />} />
          <Route path="auditoria" element={<AuditPage />} />
        </Route>
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}

/** Sends anyone without a session to the login page, remembering where they were going. */
function RequireSession() {
  const session = useSessionQuery();
  const location = useLocation();
  if (session.isPending)
    return (
      <p role="status" className="page-status">
        Carregando…
      </p>
    );
  if (session.isError)
    return (
      <p role="alert" className="page-status">
        Não foi possível falar com o servidor. Recarregue a página em instantes.
      </p>
    );
  if (!session.data) return <Navigate to="/entrar" replace state={{ from: location.pathname + location.search }} />;
  return (
    <SessionContext value={session.data}>
      <Layout />
    </SessionContext>
  );
}

/** The shop's settings and its buyers' data are for admins; the server refuses agents too (403). */
function RequireAdmin() {
  const { user } = useSession();
  if (user.role === 'admin') return <Outlet />;
  return (
    <div className="page-status">
      <h1>Página da administração</h1>
      <p className="muted">Só quem administra a loja abre esta página.</p>
      <p>
        <Link to="/">Voltar para as conversas</Link>
      </p>
    </div>
  );
}
