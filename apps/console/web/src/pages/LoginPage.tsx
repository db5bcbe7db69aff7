import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useLogin, useSessionQuery } from '../api/session.js';
import { errorMessage } from '../labels.js';
import { useDocumentTitle } from '../use-document-title.js';
import './LoginPage.css';

export function LoginPage() {
  useDocumentTitle('Entrar');
  const session = useSessionQuery();
  const login = useLogin();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (session.data) {
    const from = (location.state as { from?: unknown } | null)?.from;
    return <Navigate to={typeof from === 'string' && from.startsWith('/') ? from : '/'} replace />;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  };

  return (
    <main id="conteudo" className="login-page">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">
          Sara <span className="brand-sub">Console</span>
        </h1>
        <p className="muted">Entre para ver as conversas da loja.</p>
        <div className="field">
          <label htmlFor="login-email">E-mail</label>
          <input id="login-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="login-password">Senha</label>
          <input id="login-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {login.isError && (
          <p role="alert" className="alert">
            {errorMessage(login.error)}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={login.isPending}>
          Entrar
        </button>
      </form>
    </main>
  );
}
