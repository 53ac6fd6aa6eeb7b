# Settings for `jupyter nbconvert --execute` as notebooks/run-all.sh runs it.
#
# tslab reports a failing cell only on the cell's stderr and answers with an
# error that has no name, value or traceback, so nbconvert's own message ends
# in a bare "<Error>:". This hook prints the cell's position and what it
# wrote to stderr before nbconvert stops.
import sys

c = get_config()  # noqa: F821 (provided by the traitlets config loader)


def report_failed_cell(cell, cell_index, execute_reply):
    lines = cell.source.splitlines()
    first = lines[0] if lines else ''
    cell_id = cell.get('id', '?')
    print(f'cell {cell_index + 1} (id {cell_id}) failed: {first}', file=sys.stderr)
    for output in cell.get('outputs', []):
        if output.get('output_type') == 'stream' and output.get('name') == 'stderr':
            sys.stderr.write(''.join(output.get('text', '')))
        elif output.get('output_type') == 'error':
            sys.stderr.write(f"{output.get('ename')}: {output.get('evalue')}\n")
    sys.stderr.flush()


c.ExecutePreprocessor.on_cell_error = report_failed_cell
c.ExecutePreprocessor.kernel_name = 'tslab'
c.ExecutePreprocessor.timeout = 600
