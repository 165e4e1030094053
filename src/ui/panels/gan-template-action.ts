import { dcganTemplate } from '../../model/gan-template';
import { appStore } from '../../store/app-store';
import { withLayout } from '../canvas/auto-layout';
import { requestMeasuredLayout } from '../canvas/use-measured-layout';

/** The image shape a GAN is built for when no image dataset is loaded: Fashion-MNIST's. */
export const DEFAULT_GAN_IMAGE: readonly number[] = [28, 28, 1];

/** Makes the project a DCGAN sized to the loaded image dataset (28×28×1 without one). */
export async function openDcgan(): Promise<void> {
  const s = appStore.getState();
  const shape = s.dataset?.kind === 'image' ? s.dataset.inputShape : DEFAULT_GAN_IMAGE;
  try {
    const gan = dcganTemplate(shape);
    const [generator, discriminator] = await Promise.all([withLayout(gan.generator), withLayout(gan.discriminator)]);
    requestMeasuredLayout();
    const st = appStore.getState();
    // Weights of the previous model would not fit either network.
    st.setInitialWeights(null, null);
    st.setGan({ generator, discriminator });
    st.select([]);
    st.requestFit();
    st.notify(
      `Loaded “DCGAN” for ${shape.join('×')} images${s.dataset?.kind === 'image' ? ` (${s.dataset.name})` : ' (load an image dataset to size it to yours)'}: the Generator and Discriminator tabs edit each network`,
    );
  } catch (err) {
    appStore
      .getState()
      .notify(`Could not load the template “DCGAN”: ${err instanceof Error ? err.message : String(err)}`, 'error');
  }
}
