/**
 * train.py, second half: the DDP epoch loop (each global batch of the run's size is cut across the
 * processes, and the loss is scaled so DDP's gradient average is the whole batch's mean, as in one
 * process), writing the tfjs files, and the three ways to launch.
 */
export const TRAIN_PY_RUN = String.raw`

def epoch_line(log, total, metric):
    val = f"  val_loss {log['val_loss']:.4f}  val_{metric} {log['val_' + metric]:.4f}" if "val_loss" in log else ""
    return f"Epoch {log['epoch']}/{total}  loss {log['loss']:.4f}  {metric} {log[metric]:.4f}{val}  lr {log['lr']:.3g}"


def train_epoch(ddp, opt, x, y, order, plan, device, rank, world):
    loss, task, batch = plan["loss"], plan["task"], plan["settings"]["batchSize"]
    loss_sum, sums, n = 0.0, [0.0] * (4 if task == "regression" else 1), 0
    for start in range(0, len(order), batch):
        rows = order[start : start + batch]
        mine = np.array_split(rows, world)[rank]
        xb, yb = torch.from_numpy(x[mine]).to(device), torch.from_numpy(y[mine]).to(device)
        probs = output_of(ddp(xb))
        per = lib.sample_losses(loss, lib.targets_for(loss, yb, probs.shape[-1]), probs)
        opt.zero_grad(set_to_none=True)
        # DDP averages over the processes: sum/len(rows) × world makes that the mean over the whole batch.
        (per.sum() * (world / len(rows))).backward()
        opt.step()
        with torch.no_grad():
            loss_sum += per.double().sum().item()
            sums = [s + float(v) for s, v in zip(sums, lib.metric_sums(task, loss, probs, yb))]
        n += len(mine)
    loss_sum, n, *sums = all_sum([loss_sum, n] + sums, device)
    return lib.scores(task, loss_sum, sums, int(n))


def fit(rank, world, device, args, say):
    spec = read_spec()
    plan, metadata = spec["plan"], spec["metadata"]
    settings, metric = plan["settings"], "mae" if plan["task"] == "regression" else "accuracy"
    x, y, (train_rows, val_rows, test_rows) = prepare(args.data, spec, say)
    print_split = f"{len(train_rows)}/{len(val_rows)}/{len(test_rows)}"
    arrays = [a for rows in (train_rows, val_rows, test_rows) for a in (x[rows], y[rows])]
    fingerprint = lib.fingerprint(arrays, [len(train_rows), len(val_rows), len(test_rows)])
    run_data = (metadata.get("run") or {}).get("data") or {}
    same = run_data.get("fingerprint") == fingerprint
    say(f"data: {print_split} rows (train/validation/test); {'the same data as the run' if same else 'not the run data'} ({fingerprint})")
    seed = settings["seed"] if settings["seed"] is not None else 0
    torch.manual_seed(seed)
    import model as exported

    raw = exported.build_model()
    if args.from_exported:
        exported.load_weights(raw, os.path.join(HERE, "weights.npz"))
    raw.to(device).train()
    ddp = DistributedDataParallel(raw, device_ids=[device.index] if device.type == "cuda" else None)
    opt = lib.TfjsOptimizer(ddp.parameters(), settings["optimizer"])
    schedule, stopping = settings["schedule"], settings["earlyStopping"]
    has_validation = settings["validate"] and len(val_rows) > 0
    plateau = lib.resolve_monitor(schedule.get("monitor", "val_loss"), metric, has_validation)
    watch = lib.resolve_monitor(stopping["monitor"], metric, has_validation)
    plateau_state, best, wait, best_epoch, best_state = {"best": None, "wait": 0, "cooldown": 0}, None, 0, None, None
    shuffle_rng = lib.rng_for(seed, lib.SHUFFLE_SALT)
    base_lr = lr = float(settings["optimizer"]["learningRate"])
    epochs, history, status = args.epochs or settings["epochs"], [], "completed"
    for e in range(epochs):
        if schedule["kind"] in ("step", "exponential"):
            lr = lib.scheduled_lr(schedule, base_lr, e)
        for group in opt.param_groups:
            group["lr"] = lr
        order = train_rows[lib.shuffled_indices(len(train_rows), shuffle_rng)] if settings["shuffle"] else train_rows
        scores = train_epoch(ddp, opt, x, y, order, plan, device, rank, world)
        log = {"epoch": e + 1, "loss": scores["loss"], metric: scores[metric], "lr": lr}
        if has_validation:
            v = evaluate(raw, x, y, val_rows, plan, device, rank, world)
            log.update({"val_loss": v["loss"], f"val_{metric}": v[metric]})
        if not math.isfinite(log["loss"]):
            sys.exit(f"The loss became {log['loss']} in epoch {e + 1}; lower the learning rate")
        history.append(log)
        say(epoch_line(log, epochs, metric))
        if schedule["kind"] == "plateau":
            lr = lib.plateau_step(schedule, plateau, plateau_state, log.get(plateau), lr)
        value = log.get(watch)
        if not stopping["enabled"] or value is None or math.isnan(value):
            continue
        if lib.improves(watch, value, best, stopping["minDelta"]):
            best, wait, best_epoch = value, 0, e + 1
            if stopping["restoreBestWeights"]:
                best_state = copy.deepcopy(raw.state_dict())
            continue
        wait += 1
        if wait >= stopping["patience"]:
            status = "early-stopped"
            if best_state is not None:
                raw.load_state_dict(best_state)
                say(f"Early stopping after epoch {e + 1}; weights from epoch {best_epoch}.")
            break
    test = evaluate(raw, x, y, test_rows, plan, device, rank, world)
    test["n"] = len(test_rows)
    if rank == 0:
        write_outputs(raw, exported, spec, args.out, test, len(history), {**run_data, "fingerprint": fingerprint})
    return {"test": test, "status": status, "epochs": len(history), "seed": seed, "history": history}


def write_outputs(raw, exported, spec, out, test, epochs, data):
    """OUT/model.json + weights.bin (tfjs layers format, one file), weights.npz, metadata.json."""
    raw = raw.cpu()
    weights = exported.tfjs_weights(raw)
    manifest = spec["weightsManifest"]
    got = [(name, list(np.shape(a))) for name, a in weights]
    if got != [(m["name"], m["shape"]) for m in manifest]:
        sys.exit(f"model.py's tfjs_weights gives {got}, not the weights model.json names; export again")
    blob = b"".join(np.ascontiguousarray(a, dtype="<i4" if m["dtype"] == "int32" else "<f4").tobytes() for (_, a), m in zip(weights, manifest))
    os.makedirs(out, exist_ok=True)
    model_json = {**spec["modelJson"], "weightsManifest": [{"paths": ["weights.bin"], "weights": manifest}]}
    with open(os.path.join(out, "model.json"), "w", encoding="utf-8") as f:
        json.dump(model_json, f)
    with open(os.path.join(out, "weights.bin"), "wb") as f:
        f.write(blob)
    # weights.npz as model.py writes and reads it (save_weights), else keyed by the tfjs names.
    npz = os.path.abspath(os.path.join(out, "weights.npz"))
    if hasattr(exported, "save_weights"):
        exported.save_weights(raw, npz)
    else:
        np.savez(npz, **dict(weights))
    exported.load_weights(exported.build_model(), npz)  # reads back, or fails here rather than later
    metadata = dict(spec["metadata"])
    if metadata.get("run"):
        run = metadata["run"]
        metadata["run"] = {**run, "name": f"{run['name']} (PyTorch)"[:10000], "epochs": epochs, "test": test, "data": data}
    with open(os.path.join(out, "metadata.json"), "w", encoding="utf-8") as f:
        json.dump(metadata, f, indent=2)


def worker(rank, world, args, init_method):
    cuda = torch.cuda.is_available() and not args.cpu
    if args.nproc and not cuda:
        torch.set_num_threads(max(1, (os.cpu_count() or 1) // world))
    local = int(os.environ.get("LOCAL_RANK", rank))
    device = torch.device("cuda", local) if cuda else torch.device("cpu")
    if cuda:
        torch.cuda.set_device(device)
    backend = "nccl" if cuda else "gloo"
    dist.init_process_group(backend, init_method=init_method, rank=rank, world_size=world)
    say = (lambda line: print(line, flush=True)) if rank == 0 else (lambda line: None)
    say(f"{world} process{'es' if world > 1 else ''}, {backend} on {device.type}")
    try:
        result = fit(rank, world, device, args, say)
    finally:
        dist.destroy_process_group()
    if rank == 0:
        print(json.dumps({**result, "world_size": world, "backend": backend, "out": os.path.abspath(args.out)}), flush=True)


def main():
    p = argparse.ArgumentParser(description="Train the exported model on your data with PyTorch DDP.")
    p.add_argument("--data", required=True, help="your table (CSV) with the training columns and the label")
    p.add_argument("--epochs", type=int, default=None, help="epochs to train (default: the run's)")
    p.add_argument("--out", default=os.path.join(HERE, "trained"), help="where to write the trained model")
    p.add_argument("--nproc", type=int, default=None, help="start N processes on this machine (without torchrun)")
    p.add_argument("--cpu", action="store_true", help="train on the CPU (gloo) even when CUDA is there")
    p.add_argument("--from-exported", action="store_true", help="start from the exported weights, not fresh ones")
    args = p.parse_args()
    if args.epochs is not None and args.epochs < 1 or args.nproc is not None and args.nproc < 1:
        p.error("--epochs and --nproc must be 1 or more")
    if "RANK" in os.environ and "WORLD_SIZE" in os.environ:
        if args.nproc:
            p.error("--nproc starts processes itself; under torchrun use --nproc_per_node")
        worker(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), args, "env://")
        return
    with tempfile.TemporaryDirectory() as tmp:
        rendezvous = "file://" + os.path.join(tmp, "rendezvous")
        if (args.nproc or 1) == 1:
            worker(0, 1, args, rendezvous)
            return
        try:
            torch.multiprocessing.spawn(worker, args=(args.nproc, args, rendezvous), nprocs=args.nproc, join=True)
        except torch.multiprocessing.ProcessException as err:
            sys.exit(f"train.py: a worker process failed ({str(err).strip().splitlines()[0]}); its message is above")


if __name__ == "__main__":
    main()
`;
