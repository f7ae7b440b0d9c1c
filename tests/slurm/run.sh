#!/bin/sh
# A Slurm array job exports one archive in three shards on a one-node Slurm
# started here (Debian slurm-wlm: slurmctld and slurmd, no munge, no
# accounting), a dependent job merges the manifests, and the archive must
# equal an unsharded run byte for byte. The recipe is docs/scaling.md's.
#
# Usage: run.sh LETTERPRESS SOURCE_TREE
# Exit 77 (a skip) when slurm-wlm is not installed or its daemons cannot
# start on this machine; everything it starts is stopped on exit.
set -eu
lp=$(realpath "$1") src=$(realpath "$2")
for cmd in slurmctld slurmd sbatch sinfo; do
	command -v "$cmd" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
	command -v "$cmd" >/dev/null 2>&1 || { echo "slurm-wlm is not installed ($cmd)"; exit 77; }
done
plugins=$(dirname "$(find /usr/lib -name auth_none.so -path '*slurm*' 2>/dev/null | head -1)")
[ -f "$plugins/auth_none.so" ] || { echo "this Slurm has no auth/none plugin"; exit 77; }

work=$(mktemp -d)
pids=""
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	for p in $pids; do while kill -0 "$p" 2>/dev/null; do sleep 0.1; done; done
	rm -rf "$work"
}
trap cleanup EXIT INT TERM
cd "$work"

# Ports of their own, so a second copy of this test (or a real Slurm) does
# not answer.
base=$((20000 + $$ % 20000))
user=$(id -un)
host=$(hostname -s)
mkdir -p state spool log
cat > slurm.conf <<CONF
ClusterName=lptest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$base
SlurmdPort=$((base + 1))
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/none
CredType=cred/none
MpiDefault=none
ProctrackType=proctrack/pgid
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
PluginDir=$plugins
NodeName=lpnode NodeHostname=$host NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=lp Nodes=lpnode Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
export SLURM_CONF="$work/slurm.conf"

slurmctld -D -i -f "$SLURM_CONF" >log/ctld.out 2>&1 &
pids="$pids $!"
slurmd -D -N lpnode -f "$SLURM_CONF" >log/d.out 2>&1 &
pids="$pids $!"
up=no
for _ in $(seq 1 100); do
	state=$(sinfo -h -n lpnode -o %T 2>/dev/null || true)
	case "$state" in idle*) up=yes; break ;; esac
	sleep 0.2
done
if [ "$up" != yes ]; then
	echo "Slurm did not come up here (node state: ${state:-none}); logs:"
	tail -5 log/*.log log/*.out 2>/dev/null || true
	exit 77
fi

# The releases, on storage every node sees (here: this folder).
mkdir -p releases/2023 releases/2024
i=0
for ex in en-2024-09-24 predsednik-2024-02-20 ru-2024-04-09 latinica-2024-03-14; do
	for y in 2023 2024; do
		i=$((i + 1))
		{ cat "$src/examples/$ex.md"; printf '\nNote %d.\n' "$i"; } > "releases/$y/$ex-$i.md"
	done
done
printf -- '---\ndate: 2024-02-30\n---\nText.\n' > releases/2024/bad.md
status=0
"$lp" batch releases -o whole --jobs 1 -q || status=$?
[ "$status" -eq 65 ] || { echo "unsharded run: exit $status, expected 65"; exit 1; }

# docs/scaling.md, "Slurm array jobs".
cat > shard.sh <<JOB
#!/bin/sh
#SBATCH --array=1-3
#SBATCH --cpus-per-task=1
#SBATCH --output=$work/log/shard-%a.out
"$lp" batch "$work/releases" -o "$work/archive" --resume --jobs "\$SLURM_CPUS_PER_TASK" \
	--shard "\$SLURM_ARRAY_TASK_ID/3"
rc=\$?
[ "\$rc" -eq 65 ] && exit 0
exit "\$rc"
JOB
cat > merge.sh <<JOB
#!/bin/sh
#SBATCH --output=$work/log/merge.out
exec "$lp" manifest merge "$work/archive"
JOB
array=$(sbatch --parsable shard.sh)
sbatch --wait --dependency="afterok:$array" merge.sh >/dev/null || {
	echo "the merge job failed"
	cat log/shard-*.out log/merge.out 2>/dev/null
	exit 1
}
cmp whole/manifest.jsonl archive/manifest.jsonl
diff -r -x .letterpress -x 'manifest.*-of-*' whole archive
echo "Slurm array of 3 shards, merged by a dependent job: $(wc -l < archive/manifest.jsonl) releases, the same bytes as one run"
