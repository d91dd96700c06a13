import { Component, type ReactNode } from 'react';

interface Props {
  /** What failed, for the message ("the Benchmark page"). */
  what: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** Keeps one page's crash (or a failed chunk load) from blanking the whole app. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="notice notice-error" role="alert">
        <p className="notice-title">Could not show {this.props.what}</p>
        <p>{this.state.error.message}</p>
        <p className="notice-next">Reload the page to try again.</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
