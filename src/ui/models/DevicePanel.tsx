import type { DeviceProbe } from '../../engines/device';
import { Badge } from '../components/Badge';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatBytes } from '../components/download-stats';
import { useGuard } from '../guard/context';
import { useStorageEstimate } from './useStorageEstimate';

const yesNo = (value: boolean) => <Badge tone={value ? 'safe' : 'neutral'}>{value ? 'Yes' : 'No'}</Badge>;

function Limits({ limits }: { limits: NonNullable<DeviceProbe['limits']> }) {
  return (
    <>
      <dt>Largest buffer</dt>
      <dd>{formatBytes(limits.maxBufferSize)}</dd>
      <dt>Largest storage binding</dt>
      <dd>{formatBytes(limits.maxStorageBufferBindingSize)}</dd>
      <dt>Workgroup storage</dt>
      <dd>{formatBytes(limits.maxComputeWorkgroupStorageSize)}</dd>
    </>
  );
}

/**
 * What the probe found: GPU, 16-bit shaders, limits, isolation, storage. The storage figure is read
 * again whenever `storageKey` changes (the models page bumps it after downloads, imports and deletions).
 */
export function DevicePanel({ storageKey }: { storageKey?: unknown }) {
  const { probe, probeError } = useGuard();
  const estimate = useStorageEstimate(storageKey);
  const storage = probe?.storage && (estimate ? { ...probe.storage, ...estimate } : probe.storage);
  return (
    <section className="panel" aria-labelledby="device-title" aria-busy={!probe && !probeError}>
      <h3 id="device-title">This device</h3>
      {probeError && <ErrorNotice error={probeError} hideLinkTo="models" />}
      {!probe && !probeError && <p role="status">Checking the device…</p>}
      {probe && (
        <>
          {!probe.webgpu && (
            <div className="notice notice-warning" data-testid="no-webgpu">
              <p className="notice-title">No WebGPU: the CPU engine will be used</p>
              <p>{probe.reason ?? 'This browser offers no WebGPU.'}</p>
            </div>
          )}
          <dl className="facts" data-testid="device-facts">
            <dt>WebGPU</dt>
            <dd>{yesNo(probe.webgpu)}</dd>
            {probe.adapter && (
              <>
                <dt>Adapter</dt>
                <dd>
                  {[probe.adapter.vendor, probe.adapter.architecture, probe.adapter.device].filter(Boolean).join(' · ') || 'unnamed'}
                  {probe.adapter.description ? ` — ${probe.adapter.description}` : ''}
                  {probe.adapter.isFallback && (
                    <>
                      {' '}
                      <Badge tone="unparsed">software, slow</Badge>
                    </>
                  )}
                </dd>
              </>
            )}
            <dt>shader-f16</dt>
            <dd>
              {yesNo(probe.shaderF16)}
              {probe.webgpu && !probe.shaderF16 && <span className="muted small"> the q4f32_1 builds are used</span>}
            </dd>
            {probe.limits && <Limits limits={probe.limits} />}
            <dt>Cross-origin isolated</dt>
            <dd>
              {yesNo(probe.crossOriginIsolated)}
              <span className="muted small">{probe.crossOriginIsolated ? ' the CPU engine can use threads' : ' the CPU engine runs on one thread'}</span>
            </dd>
            <dt>CPU cores</dt>
            <dd>{probe.hardwareConcurrency}</dd>
            {storage && (
              <>
                <dt>Storage</dt>
                <dd data-testid="storage-usage" data-usage={storage.usage}>
                  {formatBytes(storage.usage)} used of {formatBytes(storage.quota)}
                  {storage.persisted ? ' (persistent)' : ' (may be cleared by the browser under pressure)'}
                </dd>
              </>
            )}
          </dl>
        </>
      )}
    </section>
  );
}
