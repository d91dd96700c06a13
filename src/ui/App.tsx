import { GuardProvider } from './guard/GuardProvider';
import { Shell } from './shell/Shell';

export function App() {
  return (
    <GuardProvider>
      <Shell />
    </GuardProvider>
  );
}
