import { BindingBanner } from '../data/Binding';
import { BuiltinPicker } from '../data/Builtins';
import { CsvSection } from '../data/CsvSection';
import { ImageSection, SkippedFiles } from '../data/ImageSection';
import { Problems, SplitSummary } from '../data/Problems';
import { ReadSettings } from '../data/ReadSettings';
import { UploadArea } from '../data/UploadArea';
import { TextSection } from '../data/TextSection';
import '../data.css';

/** Load a CSV, text, images or a built-in dataset, inspect and adjust it, and hand it to training. */
export function DataPage() {
  return (
    <div className="data-page">
      <h2>Data</h2>
      <UploadArea />
      <ReadSettings />
      <Problems />
      <BindingBanner />
      <TextSection />
      <SplitSummary />
      <CsvSection />
      <ImageSection />
      <SkippedFiles />
      <BuiltinPicker />
    </div>
  );
}
