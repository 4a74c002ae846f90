import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { ErrorBlock } from 'antd-mobile';
import { MyConcernsPage } from '../pages/request/resident/MyConcernsPage';
import { PublicProposalPage, PublicProposals } from '../pages/proposal/mobile/PublicProposals';
import { PublicListPage } from '../pages/request/resident/PublicListPage';
import { RaiseDone } from '../pages/request/resident/RaiseDone';
import { RaisePage } from '../pages/request/resident/RaisePage';
import { ResidentShell } from '../pages/request/resident/ResidentShell';
import { useResidentStore } from '../pages/request/resident/residentStore';
import { TrackPage } from '../pages/request/resident/TrackPage';

const notFound = <ErrorBlock status="empty" title="页面不存在" description="请从政协公布的二维码或链接进入" />;

/**
 * Residents' pages, no account needed: /r/<行政区划代码> raise a concern, /r/<code>/list the public
 * list, /r/<code>/proposals the published replies to proposals, /track and /track/<查询码> follow one's own. Mounted by MobileApp at /r/:regionCode/* and /track/*.
 */
export function ResidentApp() {
  const { regionCode } = useParams();
  const store = useResidentStore();
  if (regionCode !== undefined) {
    if (!/^\d{6}$/.test(regionCode)) return notFound;
    return (
      <Routes>
        <Route path="/" element={<ResidentShell tab="raise" regionCode={regionCode}><RaisePage regionCode={regionCode} /></ResidentShell>} />
        <Route path="/list" element={<ResidentShell tab="list" regionCode={regionCode}><PublicListPage regionCode={regionCode} /></ResidentShell>} />
        <Route path="/proposals" element={<ResidentShell tab="proposals" regionCode={regionCode}><PublicProposals regionCode={regionCode} /></ResidentShell>} />
        <Route path="/proposals/:id" element={<ResidentShell tab="proposals" regionCode={regionCode}><PublicProposalPage regionCode={regionCode} /></ResidentShell>} />
        <Route path="/done/:code" element={<ResidentShell tab="raise" regionCode={regionCode}><Done regionCode={regionCode} /></ResidentShell>} />
        <Route path="*" element={<Navigate to={`/r/${regionCode}`} replace />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route path="/" element={<ResidentShell tab="track" regionCode={store.regionCode}><MyConcernsPage /></ResidentShell>} />
      <Route path="/:code" element={<ResidentShell tab="track" regionCode={store.regionCode}><Track /></ResidentShell>} />
      <Route path="*" element={notFound} />
    </Routes>
  );
}

function Done({ regionCode }: { regionCode: string }) {
  const { code = '' } = useParams();
  return <RaiseDone regionCode={regionCode} code={code.toUpperCase()} />;
}

function Track() {
  const { code = '' } = useParams();
  return <TrackPage key={code} code={code.toUpperCase()} />;
}
