import { Steps } from 'antd-mobile';
import type { RequestDetailView } from '@server/modules/request/request.schema';
import { fmtTime } from './requestFormat';

/** The concern's handling, oldest first: who did what and when. */
export function RequestTimeline({ events }: { events: RequestDetailView['events'] }) {
  return (
    <Steps direction="vertical" current={events.length - 1} style={{ '--title-font-size': '15px', '--description-font-size': '13px', padding: '4px 4px 0' }}>
      {events.map((e) => (
        <Steps.Step
          key={e.id}
          status="finish"
          title={e.label}
          description={
            <div style={{ wordBreak: 'break-all' }}>
              <div>{e.actorName} · {fmtTime(e.at)}</div>
              {e.note && <div style={{ color: '#666', marginTop: 2 }}>{e.note}</div>}
            </div>
          }
        />
      ))}
    </Steps>
  );
}
