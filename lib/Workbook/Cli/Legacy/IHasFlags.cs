namespace Workbook.Cli;

/// <summary>Legacy (see <see cref="ICommand"/>): a verb whose options include value-less flags (e.g. <c>--quick</c>), named without dashes.</summary>
public interface IHasFlags
{
    string[] Flags { get; }
}
